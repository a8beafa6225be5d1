package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.meshwarden.governance.contract.ContractYaml;
import io.meshwarden.governance.odcs.OdcsImporter;
import io.meshwarden.governance.policy.PolicySetYaml;
import io.meshwarden.governance.policy.RuleKinds;
import io.meshwarden.governance.yaml.YamlDocument;
import io.meshwarden.governance.yaml.YamlFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON Schemas the CLI publishes for IDEs (contract.schema.json, policy-set.schema.json) accept
 * every demo contract and policy file of the repository, name the path at fault in a wrong file, and
 * agree with the YAML readers on what is wrong.
 */
class JsonSchemasTest {
    private static final JsonSchema CONTRACT = schema("contract.schema.json");
    private static final JsonSchema POLICY_SET = schema("policy-set.schema.json");

    @Test
    void acceptsEveryDemoContractAndPolicyFile() throws IOException {
        List<Path> contracts = yamlFiles(Path.of(ValidateCommandTest.DEMO)).stream()
                .filter(file -> !OdcsImporter.recognises(read(file))).toList();
        List<Path> policies = yamlFiles(Path.of(ValidateCommandTest.POLICIES));

        assertThat(contracts).hasSizeGreaterThanOrEqualTo(7);
        assertThat(policies).hasSizeGreaterThanOrEqualTo(3);
        contracts.forEach(file -> assertThat(errors(CONTRACT, file.toString(), read(file))).as(file.toString()).isEmpty());
        policies.forEach(file -> assertThat(errors(POLICY_SET, file.toString(), read(file))).as(file.toString()).isEmpty());
    }

    @Test
    void aWrongContractFailsNamingThePathAtFault() {
        String wrong = read(Path.of(ValidateCommandTest.DEMO, "social.post-reach.yaml")).replace("freshness: ", "freshness: soon #");

        assertThat(errors(CONTRACT, "wrong.yaml", wrong)).containsExactly("$.guarantees.freshness");
    }

    @Test
    void theRuleKindsAreTheEngineKinds() {
        JsonNode kinds = tree("policy-set.schema.json").at("/properties/rules/items/properties/kind/enum");
        Set<String> named = new TreeSet<>();
        kinds.forEach(kind -> named.add(kind.asText()));

        assertThat(named).isEqualTo(RuleKinds.names());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown key              | colour: red                                | $.colour
            a duration                  | retention: forever                         | $.retention
            a percentage                | 'guarantees: {completenessPercent: 120}'   | $.guarantees.completenessPercent
            a classification            | classification: secret                     | $.classification
            a status                    | status: shipped                            | $.status
            a flag                      | 'fields: [{name: a, type: string, pii: maybe}]' | $.fields[0].pii
            a field type                | 'fields: [{name: a, type: text}]'          | $.fields[0].type
            a port without a topic      | 'outputPorts: [{name: events}]'            | $.outputPorts[0]
            """)
    void theContractReaderAndSchemaRefuseTheSame(String what, String line, String path) {
        String text = "id: social.post-reach\nversion: 1.0.0\nowner: {team: t, steward: s@example.com}\n" + line + "\n";

        assertThat(errors(CONTRACT, "wrong.yaml", text)).as(what).containsExactly(path);
        assertThatThrownBy(() -> ContractYaml.parse("wrong.yaml", text)).as(what).isInstanceOf(YamlFileException.class)
                .hasMessageContaining(path);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a scope          | '{id: global, version: 1.0.0, scope: planet}'                                          | $.scope               | $.scope
            a version        | '{id: global, version: 1}'                                                             | $.version             | version '1' is not MAJOR.MINOR.PATCH
            a kind           | '{id: global, version: 1.0.0, rules: [{id: r, kind: telepathy, severity: blocking}]}'   | $.rules[0].kind       | $.rules[0].kind
            a severity       | '{id: global, version: 1.0.0, rules: [{id: r, kind: ownership, severity: sometimes}]}'  | $.rules[0].severity   | $.rules[0].severity
            a list of lists  | '{id: global, version: 1.0.0, rules: [{id: r, kind: field-naming, severity: warning, parameters: {pattern: [[a]]}}]}' | $.rules[0].parameters.pattern[0] | $.rules[0].parameters.pattern[0]
            """)
    void thePolicyReaderAndSchemaRefuseTheSame(String what, String line, String path, String readerSays) {
        String text = line + "\n";

        assertThat(errors(POLICY_SET, "wrong.yaml", text)).as(what).contains(path);
        assertThatThrownBy(() -> PolicySetYaml.parse("wrong.yaml", text)).as(what).isInstanceOf(YamlFileException.class)
                .hasMessageContaining(readerSays);
    }

    @Test
    void bothAcceptWhatTheReadersAcceptInAnyCase() {
        String contract = "id: social.post-reach\nversion: 1.0.0\nowner: {team: t}\nstatus: Active\nclassification: ' Internal'\n"
                + "fields: [{name: a, type: long, required: true, pii: 'false'}]\nguarantees: {completenessPercent: '99.5', freshness: PT15M}\n";
        String policy = "id: global\nversion: 1.0.0\nscope: GLOBAL\nrules: [{id: r, kind: ownership, severity: Blocking}]\n";

        assertThat(errors(CONTRACT, "ok.yaml", contract)).isEmpty();
        ContractYaml.parse("ok.yaml", contract);
        assertThat(errors(POLICY_SET, "ok.yaml", policy)).isEmpty();
        PolicySetYaml.parse("ok.yaml", policy);
    }

    /** The paths at fault; an unknown key is named by its own path, as the readers name it. */
    static List<String> errors(JsonSchema schema, String file, String text) {
        Set<ValidationMessage> messages = schema.validate(YamlDocument.readTree(file, text).value());
        return messages.stream().map(JsonSchemasTest::path).distinct().sorted().toList();
    }

    private static String path(ValidationMessage message) {
        String at = message.getInstanceLocation().toString();
        if ("additionalProperties".equals(message.getType()) && message.getProperty() != null) {
            return at + "." + message.getProperty();
        }
        return at;
    }

    private static JsonSchema schema(String name) {
        try (InputStream in = resource(name)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String name) {
        try (InputStream in = resource(name)) {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        return JsonSchemasTest.class.getResourceAsStream("/io/meshwarden/cli/json-schema/" + name);
    }

    private static List<Path> yamlFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
