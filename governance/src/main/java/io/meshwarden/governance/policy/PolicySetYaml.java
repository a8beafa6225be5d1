package io.meshwarden.governance.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.governance.yaml.YamlFileException;
import io.meshwarden.governance.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads policy sets written as YAML (format in docs/policies.md), bound by Jackson to the records
 * below, which name every key the format has. Structure errors, unknown keys and kinds and
 * malformed rules are {@link YamlFileException}s naming the file, line and path; a set that reads
 * cleanly is then compiled once, so that a CEL expression that does not compile is also reported
 * at the line of its rule.
 */
public final class PolicySetYaml {

    /** A policy set file as written. */
    record SetDocument(String id, String version, String scope, String domain, List<RuleDocument> rules) {
    }

    /** One rule as written; parameters are any nesting of mappings, lists and single values. */
    record RuleDocument(String id, String kind, String severity, String description, JsonNode parameters, String expression) {
    }

    private static final String PARAMETER = "parameter '";

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
        YamlDocument<SetDocument> document = YamlDocument.read(file, text, SetDocument.class);
        SetDocument root = document.value();
        String scopeText = root.scope() == null ? "domain" : root.scope();
        PolicyScope scope = switch (scopeText.toLowerCase(Locale.ROOT)) {
            case "global" -> PolicyScope.GLOBAL;
            case "domain" -> PolicyScope.DOMAIN;
            default -> throw document.error("$.scope", "scope must be global or domain, not '" + scopeText + "'");
        };
        String id = document.requireText("$", "id", root.id());
        String version = document.requireText("$", "version", root.version());
        List<RuleDocument> rules = root.rules() == null ? List.of() : root.rules();
        List<PolicyRule> compiled = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            compiled.add(rule(document, "$.rules[" + i + "]", rules.get(i)));
        }
        PolicySet set = PolicySet.newBuilder()
                .setId(id)
                .setVersion(version)
                .setScope(scope)
                .setDomain(root.domain())
                .setRules(compiled)
                .setPublishedAt(Instant.EPOCH)
                .build();
        try {
            PolicyCompiler.compile(set);
        } catch (InvalidPolicyException e) {
            throw new YamlFileException(file, lineOf(e.getMessage(), document, compiled), e.getMessage());
        }
        return set;
    }

    private static PolicyRule rule(YamlDocument<?> document, String path, RuleDocument rule) {
        String kind = document.requireText(path, "kind", rule.kind());
        if (RuleKinds.named(kind).isEmpty()) {
            throw document.error(path + ".kind", "unknown kind '" + kind + "'; known kinds: " + RuleKinds.names());
        }
        String severityText = document.requireText(path, "severity", rule.severity());
        Severity severity = switch (severityText.toLowerCase(Locale.ROOT)) {
            case "blocking" -> Severity.BLOCKING;
            case "warning" -> Severity.WARNING;
            default -> throw document.error(path + ".severity", "severity must be blocking or warning, not '" + severityText + "'");
        };
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rule.parameters() != null && !rule.parameters().isNull()) {
            flatten(document, path + ".parameters", "", rule.parameters(), parameters);
        }
        return PolicyRule.newBuilder().setId(document.requireText(path, "id", rule.id())).setKind(kind).setSeverity(severity)
                .setDescription(rule.description()).setParameters(parameters)
                .setExpression(rule.expression()).build();
    }

    /** Nested maps become dotted names ({@code maxDays.confidential}); lists become comma-separated values. */
    private static void flatten(YamlDocument<?> document, String path, String prefix, JsonNode node, Map<String, String> into) {
        if (!node.isObject()) {
            throw document.error(path, "expected a mapping of keys to values");
        }
        node.properties().forEach(entry -> {
            String name = prefix + entry.getKey();
            String at = path + "." + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                flatten(document, at, name + ".", value, into);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    items.add(single(document, at + "[" + i + "]", value.get(i)));
                }
                into.put(name, String.join(",", items));
            } else {
                into.put(name, single(document, at, value));
            }
        });
    }

    private static String single(YamlDocument<?> document, String path, JsonNode value) {
        if (value.isContainerNode()) {
            throw document.error(path, "expected a single value, not a " + (value.isArray() ? "list" : "mapping"));
        }
        if (value.isNull()) {
            throw document.error(path, "expected a single value, not null");
        }
        return value.asText();
    }

    /**
     * The line of the parameter a compile error names ({@code parameter 'dimensions.currency.pattern'}: a
     * parameter's dotted name is its path under {@code parameters}), else of the rule it names, or of the
     * document when it names none.
     */
    private static int lineOf(String message, YamlDocument<?> document, List<PolicyRule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            if (message.contains("rule '" + rules.get(i).getId() + "'")) {
                int at = message.indexOf(PARAMETER);
                if (at >= 0 && message.indexOf('\'', at + PARAMETER.length()) > 0) {
                    String name = message.substring(at + PARAMETER.length(), message.indexOf('\'', at + PARAMETER.length()));
                    return document.lineOf("$.rules[" + i + "].parameters." + name);
                }
                return document.lineOf("$.rules[" + i + "]");
            }
        }
        return document.lineOf("$");
    }
}
