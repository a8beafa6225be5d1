package io.meshwarden.governance.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.governance.yaml.YamlFileException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Meshwarden's own contract form: values as written, and every error at its file, line and path. */
class ContractYamlTest {
    private static final String HEADER = "id: email.send-engagement\nversion: 1.0.0\nowner:\n  team: email-team\n"
            + "  steward: steward@email.example.com\n";

    @Test
    void readsAContractKeepingEveryValueAsWritten() {
        DataProductContract contract = ContractYaml.parse("c.yaml", HEADER + "status: active\nclassification: confidential\n"
                + "description:\nfields:\n  - name: email\n    type: string\n    pii: true\n    required: true\n"
                + "guarantees:\n  completenessPercent: 99.50\n  freshness: 1h\nretention: 90d\ntags: [demo, email]\n"
                + "properties:\n  api-rate-limit: 15000/day\n  build: 007\n  note: ''\n");

        assertThat(contract.getDomain()).isEqualTo("email");
        assertThat(contract.getName()).isEqualTo("send-engagement");
        assertThat(contract.getStatus()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(contract.getClassification()).isEqualTo(Classification.CONFIDENTIAL);
        assertThat(contract.getDescription()).as("an empty value is no value").isNull();
        assertThat(contract.getFields()).singleElement().satisfies(f -> assertThat(f.getPii() && f.getRequired()).isTrue());
        assertThat(contract.getProductSchema()).contains("\"name\":\"email\"");
        assertThat(contract.getGuarantees().getCompletenessPercent()).isEqualTo(99.5);
        assertThat(contract.getGuarantees().getFreshnessMaxAgeMs()).isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(contract.getRetentionMs()).isEqualTo(Duration.ofDays(90).toMillis());
        assertThat(contract.getTags()).containsExactly("demo", "email");
        assertThat(contract.getProperties()).containsEntry("api-rate-limit", "15000/day").containsEntry("build", "007")
                .containsEntry("note", "");
    }

    @Test
    void namesTheFileLineAndPathOfEachMistake() {
        assertThatThrownBy(() -> ContractYaml.parse("c.yaml", HEADER + "colour: red\n")).isInstanceOf(YamlFileException.class)
                .hasMessageStartingWith("c.yaml:6: $.colour: unknown key 'colour'; known keys are [classification, description,");
        assertThatThrownBy(() -> ContractYaml.parse("c.yaml", HEADER + "fields:\n  - name: a\n    pii: True\n"))
                .hasMessage("c.yaml:8: $.fields[0].pii: expected true or false, not 'True'");
        assertThatThrownBy(() -> ContractYaml.parse("c.yaml", HEADER + "guarantees:\n  availabilityPercent: 101\n"))
                .hasMessage("c.yaml:7: $.guarantees.availabilityPercent: a percentage lies between 0 and 100, not 101");
        assertThatThrownBy(() -> ContractYaml.parse("c.yaml", HEADER + "outputPorts:\n  - name: events\n"))
                .hasMessage("c.yaml:7: $.outputPorts[0]: 'topic' is required");
        assertThatThrownBy(() -> ContractYaml.parse("c.yaml", HEADER + "fields:\n  - name: a\n    type: varchar\n"))
                .hasMessageStartingWith("c.yaml:8: $.fields[0].type: unknown type 'varchar'");
        assertThatThrownBy(() -> ContractYaml.parse("c.yaml", "id: email.x\nversion: 1.0.0\n"))
                .hasMessage("c.yaml:1: $: 'owner' is required");
        assertThatThrownBy(() -> ContractYaml.parse("c.yaml", HEADER + "status: alive\n"))
                .hasMessage("c.yaml:6: $.status: 'alive' is not one of [draft, active, deprecated, retired]");
    }
}
