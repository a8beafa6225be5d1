package io.meshwarden.governance.policy;

import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.governance.yaml.YamlFileException;
import io.meshwarden.governance.yaml.YamlNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads policy sets written as YAML (format in docs/policies.md). Structure errors, unknown
 * kinds and malformed rules are {@link YamlFileException}s naming the file and line; a set that
 * reads cleanly is then compiled once, so that a CEL expression that does not compile is also
 * reported at the line of its rule.
 */
public final class PolicySetYaml {
    private static final Set<String> SET_KEYS = Set.of("id", "version", "scope", "domain", "rules");
    private static final Set<String> RULE_KEYS = Set.of("id", "kind", "severity", "description", "parameters", "expression");

    private PolicySetYaml() {
    }

    public static PolicySet read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new YamlFileException(file.toString(), 1, "cannot read: " + e.getMessage());
        }
    }

    /** A policy set and the file it was read from. */
    public record PolicyFile(Path file, PolicySet set) {
    }

    /** Every {@code *.yaml}/{@code *.yml} file under a directory, global sets first, then by id. */
    public static List<PolicyFile> readDirectory(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().map(f -> new PolicyFile(f, read(f)))
                    .sorted(java.util.Comparator.comparing((PolicyFile f) -> f.set().getScope() != PolicyScope.GLOBAL)
                            .thenComparing(f -> f.set().getId()))
                    .toList();
        } catch (IOException e) {
            throw new YamlFileException(directory.toString(), 1, "cannot list policy files: " + e.getMessage());
        }
    }

    public static PolicySet parse(String file, String text) {
        YamlNode root = YamlNode.parse(file, text);
        root.allowOnly(SET_KEYS);
        String scopeText = root.text("scope").orElse("domain");
        PolicyScope scope = switch (scopeText.toLowerCase(Locale.ROOT)) {
            case "global" -> PolicyScope.GLOBAL;
            case "domain" -> PolicyScope.DOMAIN;
            default -> throw root.require("scope").error("scope must be global or domain, not '" + scopeText + "'");
        };
        List<YamlNode> ruleNodes = root.get("rules").map(YamlNode::items).orElse(List.of());
        PolicySet set = PolicySet.newBuilder()
                .setId(root.requireText("id"))
                .setVersion(root.requireText("version"))
                .setScope(scope)
                .setDomain(root.text("domain").orElse(null))
                .setRules(ruleNodes.stream().map(PolicySetYaml::rule).toList())
                .setPublishedAt(Instant.EPOCH)
                .build();
        try {
            PolicyCompiler.compile(set);
        } catch (InvalidPolicyException e) {
            throw new YamlFileException(file, lineOf(e.getMessage(), root, ruleNodes), e.getMessage());
        }
        return set;
    }

    private static PolicyRule rule(YamlNode node) {
        node.allowOnly(RULE_KEYS);
        String kind = node.requireText("kind");
        if (RuleKinds.named(kind).isEmpty()) {
            throw node.require("kind").error("unknown kind '" + kind + "'; known kinds: " + RuleKinds.names());
        }
        String severityText = node.requireText("severity");
        Severity severity = switch (severityText.toLowerCase(Locale.ROOT)) {
            case "blocking" -> Severity.BLOCKING;
            case "warning" -> Severity.WARNING;
            default -> throw node.require("severity").error("severity must be blocking or warning, not '" + severityText + "'");
        };
        Map<String, String> parameters = new LinkedHashMap<>();
        node.get("parameters").ifPresent(p -> flatten("", p, parameters));
        return PolicyRule.newBuilder().setId(node.requireText("id")).setKind(kind).setSeverity(severity)
                .setDescription(node.text("description").orElse(null)).setParameters(parameters)
                .setExpression(node.text("expression").orElse(null)).build();
    }

    /** Nested maps become dotted names ({@code maxDays.confidential}); lists become comma-separated values. */
    private static void flatten(String prefix, YamlNode node, Map<String, String> into) {
        node.entries().forEach((key, value) -> {
            String name = prefix + key;
            if (value.isMap()) {
                flatten(name + ".", value, into);
            } else if (value.isList()) {
                into.put(name, value.items().stream().map(YamlNode::text).collect(Collectors.joining(",")));
            } else {
                into.put(name, value.text());
            }
        });
    }

    /** The line of the rule a compile error names, or of the document when it names none. */
    private static int lineOf(String message, YamlNode root, List<YamlNode> rules) {
        return rules.stream().filter(r -> message.contains("rule '" + r.requireText("id") + "'")).findFirst()
                .map(YamlNode::line).orElse(root.line());
    }
}
