package io.meshwarden.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meshwarden init --template extract|stream|dimension|metric --domain D --product P --steward E}:
 * writes a new data product, in a directory of its own, as a Maven project that builds and passes its
 * tests as generated: its ODCS v3.1 contract (from the options, or prompts on a terminal), the shipped
 * policy sets of its domain, a pipeline from the template ({@link ProjectTemplate}), tests on the
 * testkit, the JSON Schemas its YAML files name, and a CI workflow.
 */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scaffold a new data product: contract, pipeline from a template, tests, CI.")
final class InitCommand implements Callable<Integer> {
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h|d)");
    private static final String ODCS_SCHEMA = "odcs-json-schema-v3.1.0.json";
    private static final String ODCS_SCHEMA_RESOURCE = "io/meshwarden/governance/odcs/" + ODCS_SCHEMA;
    private static final String POLICY_SCHEMA_RESOURCE = "io/meshwarden/cli/json-schema/policy-set.schema.json";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--template", description = "extract, stream, dimension or metric")
    String template;
    @Option(names = "--domain", description = "the owning domain, kebab case (e.g. paid-media)")
    String domain;
    @Option(names = "--product", description = "the product's name in its domain, kebab case (e.g. campaign-spend)")
    String product;
    @Option(names = "--owner", description = "owner team (default: <domain>-team)")
    String owner;
    @Option(names = "--steward", description = "steward's e-mail address")
    String steward;
    @Option(names = "--description", description = "what the product holds, for its consumers")
    String description;
    @Option(names = "--classification", description = "public, internal, confidential or restricted (default: ${DEFAULT-VALUE})",
            defaultValue = "internal")
    String classification;
    @Option(names = "--completeness", description = "completeness guarantee, percent (default: ${DEFAULT-VALUE})", defaultValue = "99.5")
    double completeness;
    @Option(names = "--freshness", description = "freshness guarantee: 30s, 15m, 1h, 1d (default: ${DEFAULT-VALUE})", defaultValue = "1h")
    String freshness;
    @Option(names = "--availability", description = "availability guarantee, percent (default: ${DEFAULT-VALUE})", defaultValue = "99.9")
    double availability;
    @Option(names = "--retention", description = "ISO-8601 retention (default: ${DEFAULT-VALUE})", defaultValue = "P90D")
    String retention;
    @Option(names = "--source-platform", description = "the platform the data comes from (default: ${DEFAULT-VALUE})",
            defaultValue = "example-ads")
    String sourcePlatform;
    @Option(names = "--rate-limit", description = "the source API's rate limit, <n>/<second|minute|hour|day> (default: ${DEFAULT-VALUE})",
            defaultValue = "600/minute")
    String rateLimit;
    @Option(names = "--input-topic", description = "the event topic the stream and metric templates read (default: <domain>.<product>.input)")
    String inputTopic;
    @Option(names = "--directory", description = "where to write the project (default: ./<product>); must not exist or be empty")
    Path directory;

    @Override
    public Integer call() throws IOException {
        Prompts prompts = new Prompts(System.console());
        template = prompts.require("--template", template, "template (extract, stream, dimension, metric)", t -> true);
        ProjectTemplate chosen = ProjectTemplate.named(template);
        domain = prompts.require("--domain", domain, "domain (kebab case)", KEBAB.asMatchPredicate());
        product = prompts.require("--product", product, "product (kebab case)", KEBAB.asMatchPredicate());
        steward = prompts.require("--steward", steward, "steward e-mail", s -> s.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"));
        owner = owner != null ? owner : prompts.ask("owner team", domain + "-team");
        description = description != null ? description
                : prompts.ask("description", "The " + product + " data product of the " + domain + " domain");
        requireIn("--classification", classification.toLowerCase(Locale.ROOT), "public", "internal", "confidential", "restricted");
        Matcher age = DURATION.matcher(freshness);
        if (!age.matches()) {
            throw new IllegalArgumentException("--freshness: expected 30s, 15m, 1h or 1d, not '" + freshness + "'");
        }
        if (!rateLimit.matches("[0-9]+/(second|minute|hour|day)")) {
            throw new IllegalArgumentException("--rate-limit: expected <requests>/<second|minute|hour|day>, e.g. 15000/day, not '"
                    + rateLimit + "'");
        }
        Path target = directory != null ? directory : Path.of(product);
        if (Files.exists(target) && (!Files.isDirectory(target) || Files.list(target).findAny().isPresent())) {
            throw new IllegalArgumentException("--directory: " + target + " exists and is not empty");
        }

        Map<String, String> files = new LinkedHashMap<>(chosen.files(variables(age)));
        files.putAll(policies());
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = target.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        var out = spec.commandLine().getOut();
        out.printf("created %s.%s (%s template) in %s: %d files%n", domain, product, template, target, files.size());
        out.printf("next: cd %s && mvn verify; then meshwarden validate --policies policies src/main/resources/contract.odcs.yaml%n",
                target);
        return 0;
    }

    private Map<String, String> variables(Matcher age) {
        String packageName = "products." + domain.replace("-", "") + "." + product.replace("-", "");
        Properties versions = versions();
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("domain", domain);
        variables.put("product", product);
        variables.put("productId", domain + "." + product);
        variables.put("owner", owner);
        variables.put("steward", steward);
        variables.put("description", description);
        // What the user typed goes into YAML and XML quoted and escaped: a colon or an ampersand must not break the file.
        variables.put("descriptionYaml", yamlQuoted(description));
        variables.put("descriptionXml", xmlEscaped(description));
        variables.put("ownerYaml", yamlQuoted(owner));
        variables.put("documentation", "https://wiki.example.com/data-products/" + domain + "." + product);
        variables.put("classification", classification.toLowerCase(Locale.ROOT));
        variables.put("completeness", String.valueOf(completeness));
        variables.put("freshnessValue", age.group(1));
        variables.put("freshnessUnit", age.group(2));
        variables.put("availability", String.valueOf(availability));
        variables.put("retention", retention);
        variables.put("sourcePlatform", sourcePlatform);
        variables.put("rateLimit", rateLimit);
        variables.put("outputTopic", domain + "." + product + ".v1");
        variables.put("inputTopic", inputTopic != null ? inputTopic : domain + "." + product + ".input");
        variables.put("deadLetterTopic", domain + "." + product + ".deadletter");
        variables.put("groupId", "products." + domain.replace("-", ""));
        variables.put("package", packageName);
        variables.put("packagePath", packageName.replace('.', '/'));
        variables.put("meshwardenVersion", versions.getProperty("meshwarden"));
        return variables;
    }

    /**
     * The shipped global set and the domain's own, if the mesh ships one, each headed by the
     * policy-set JSON Schema when this CLI carries it (then copied beside the ODCS schema).
     */
    private Map<String, String> policies() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(".meshwarden/" + ODCS_SCHEMA, classpathText(ODCS_SCHEMA_RESOURCE));
        String policySchema = policySchema();
        if (policySchema != null) {
            files.put(".meshwarden/policy-set.schema.json", policySchema);
        }
        files.put("policies/global.yaml", schemaLine(policySchema, "../") + classpathText(ProjectTemplate.ROOT + "policies/global.yaml"));
        String domainSet = ProjectTemplate.ROOT + "policies/domains/" + domain + ".yaml";
        if (InitCommand.class.getClassLoader().getResource(domainSet) != null) {
            files.put("policies/domains/" + domain + ".yaml", schemaLine(policySchema, "../../") + classpathText(domainSet));
        }
        return files;
    }

    private static String schemaLine(String policySchema, String up) {
        return policySchema == null ? "" : "# yaml-language-server: $schema=" + up + ".meshwarden/policy-set.schema.json\n";
    }

    private static String policySchema() {
        return InitCommand.class.getClassLoader().getResource(POLICY_SCHEMA_RESOURCE) == null ? null
                : classpathText(POLICY_SCHEMA_RESOURCE);
    }

    private static String classpathText(String resource) {
        try (InputStream in = InitCommand.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the meshwarden CLI");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties versions() {
        Properties versions = new Properties();
        try (InputStream in = InitCommand.class.getClassLoader().getResourceAsStream(ProjectTemplate.ROOT + "versions.properties")) {
            versions.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the meshwarden CLI lacks " + ProjectTemplate.ROOT + "versions.properties", e);
        }
        return versions;
    }

    /** A double-quoted YAML scalar: JSON's string syntax, which YAML reads the same. */
    private static String yamlQuoted(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xmlEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void requireIn(String option, String value, String... allowed) {
        if (!java.util.List.of(allowed).contains(value)) {
            throw new IllegalArgumentException(option + ": expected one of " + String.join(", ", allowed) + ", not '" + value + "'");
        }
    }

    /** Asks on the terminal for what the options left out; without one, a missing required option is an error naming it. */
    private record Prompts(Console console) {
        String require(String option, String given, String question, Predicate<String> valid) {
            String value = given != null ? given : console != null ? console.readLine("%s: ", question) : null;
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(option + " is required (no terminal to ask on)");
            }
            if (!valid.test(value.strip())) {
                throw new IllegalArgumentException(option + ": '" + value.strip() + "' is not a valid " + question);
            }
            return value.strip();
        }

        String ask(String question, String defaultValue) {
            if (console == null) {
                return defaultValue;
            }
            String answer = console.readLine("%s [%s]: ", question, defaultValue);
            return answer == null || answer.isBlank() ? defaultValue : answer.strip();
        }
    }
}
