package io.meshwarden.governance.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every reader of YAML files gets from the shared path: file, line and path in each error, the text as written. */
class YamlDocumentTest {
    record Owner(String team, String steward) {
    }

    record Doc(String id, String version, Owner owner, List<String> tags, Map<String, String> properties) {
    }

    @Test
    void keepsEverySingleValueAsWrittenAndTheLineOfEveryPath() {
        YamlDocument<Doc> document = YamlDocument.read("d.yaml", "# a comment\nid: x\nversion: 1.10\nowner:\n  team: t\n"
                + "tags: [a, True]\nproperties:\n  n: 007\n  empty: ''\n", Doc.class);

        assertThat(document.value().version()).isEqualTo("1.10");
        assertThat(document.value().tags()).containsExactly("a", "True");
        assertThat(document.value().properties()).containsEntry("n", "007").containsEntry("empty", "");
        assertThat(document.lineOf("$")).isEqualTo(2);
        assertThat(document.lineOf("$.owner")).isEqualTo(5);
        assertThat(document.lineOf("$.owner.team")).isEqualTo(5);
        assertThat(document.lineOf("$.tags[1]")).isEqualTo(6);
        assertThat(document.lineOf("$.owner.steward")).as("the nearest enclosing path read").isEqualTo(5);
        assertThat(document.error("$.properties.n", "too old")).hasMessage("d.yaml:8: $.properties.n: too old");
    }

    @Test
    void refusesAnUnknownKeyNamingTheKnownOnes() {
        assertThatThrownBy(() -> YamlDocument.read("d.yaml", "id: x\nowner:\n  team: t\n  colour: red\n", Doc.class))
                .isInstanceOf(YamlFileException.class)
                .hasMessage("d.yaml:4: $.owner.colour: unknown key 'colour'; known keys are [steward, team]");
    }

    @Test
    void saysWhatShapeWasExpectedAndWhatWasFound() {
        assertThatThrownBy(() -> YamlDocument.read("d.yaml", "id: x\nowner:\n  team: [a, b]\n", Doc.class))
                .hasMessage("d.yaml:3: $.owner.team: expected a single value, not a list");
        assertThatThrownBy(() -> YamlDocument.read("d.yaml", "id:\n  a: b\n", Doc.class))
                .hasMessage("d.yaml:2: $.id: expected a single value, not a mapping");
        assertThatThrownBy(() -> YamlDocument.read("d.yaml", "id: x\ntags: one\n", Doc.class))
                .hasMessage("d.yaml:2: $.tags: expected a list");
        assertThatThrownBy(() -> YamlDocument.read("d.yaml", "id: x\nowner: team-x\n", Doc.class))
                .hasMessage("d.yaml:2: $.owner: expected a mapping of keys to values");
        assertThatThrownBy(() -> YamlDocument.read("d.yaml", "- a\n- b\n", Doc.class))
                .hasMessage("d.yaml:1: $: expected a mapping of keys to values");
        assertThatThrownBy(() -> YamlDocument.read("d.yaml", "id: x\ntags:\n  - a\n  -\n", Doc.class))
                .hasMessage("d.yaml:4: $.tags[1]: expected a single value, not null");
    }

    @Test
    void reportsASyntaxErrorBeforeAnyStructuralOneAtTheLineWhereTheParserGaveUp() {
        assertThatThrownBy(() -> YamlDocument.read("d.yaml", "id: [x]\nowner:\n  team: t\n   steward: s\n", Doc.class))
                .isInstanceOf(YamlFileException.class).hasMessageStartingWith("d.yaml:4: not valid YAML: ");
    }

    @Test
    void refusesDuplicateKeysAliasesASecondDocumentAndAnEmptyOne() {
        assertThatThrownBy(() -> YamlDocument.read("d.yaml", "id: x\nversion: 1\nid: y\n", Doc.class))
                .hasMessage("d.yaml:3: $.id: duplicate key 'id'");
        assertThatThrownBy(() -> YamlDocument.read("d.yaml", "id: &name x\nversion: *name\n", Doc.class))
                .hasMessageStartingWith("d.yaml:2: $.version: not valid YAML: the alias *name is not supported");
        assertThatThrownBy(() -> YamlDocument.read("d.yaml", "id: x\n---\nid: y\n", Doc.class))
                .hasMessage("d.yaml:3: not valid YAML: expected a single document, but found another");
        assertThatThrownBy(() -> YamlDocument.read("d.yaml", "# nothing\n", Doc.class))
                .hasMessage("d.yaml:1: the document is empty");
    }

    @Test
    void givesAnOpenFormatAsATreeWithTheLineOfEachPath() {
        YamlDocument<JsonNode> document = YamlDocument.readTree("o.yaml", "kind: DataContract\nschema:\n  - name: Orders\n"
                + "    properties:\n      - name: qty\n        required: true\n        ratio: 1.50\n        extra: kept\n");

        JsonNode property = document.value().path("schema").path(0).path("properties").path(0);
        assertThat(property.path("required").isBoolean()).isTrue();
        assertThat(property.path("ratio").asText()).isEqualTo("1.50");
        assertThat(property.path("extra").asText()).isEqualTo("kept");
        assertThat(document.lineOf("$.schema[0].properties[0].required")).isEqualTo(6);
        assertThat(document.lineOf("$.schema[0]")).isEqualTo(3);
    }

    @Test
    void requiredValuesAreReportedAtTheirMappingAndEmptyOnesAtThemselves() {
        YamlDocument<Doc> document = YamlDocument.read("d.yaml", "version: 1\nid: ' '\nowner:\n  team: t\n", Doc.class);

        assertThatThrownBy(() -> document.require("$.owner", "steward", document.value().owner().steward()))
                .hasMessage("d.yaml:4: $.owner: 'steward' is required");
        assertThatThrownBy(() -> document.requireText("$", "id", document.value().id()))
                .hasMessage("d.yaml:2: $.id: 'id' must not be empty");
    }
}
