package io.meshwarden.governance.odcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.governance.yaml.YamlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every public ODCS example (copied from ../shared/fixtures/odcs into the test resources) either imports or is refused naming the path at fault. */
class OdcsImporterTest {
    static final Path EXAMPLES = Path.of("src/test/resources/odcs-examples");

    static OdcsImport importExample(String name, String defaultDomain) throws IOException {
        Path file = EXAMPLES.resolve(name);
        return OdcsImporter.importContract(file.toString(), Files.readString(file), defaultDomain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic-four-dpo.odcs.yaml", "column-completeness.odcs.yaml", "column-validity.odcs.yaml",
            "database-table-sla.odcs.yaml", "kafka-schema.odcs.yaml", "kafka-schemaregistry.odcs.yaml",
            "kafka-server.odcs.yaml", "service-and-operational-roles.odcs.yaml"})
    void refusesAnExampleWithoutADomainNamingThePath(String example) {
        assertThatThrownBy(() -> importExample(example, null)).isInstanceOf(YamlFileException.class)
                .hasMessageContaining(example + ":1: $.domain: missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic-four-dpo.odcs.yaml", "column-completeness.odcs.yaml", "column-validity.odcs.yaml",
            "database-table-sla.odcs.yaml", "full-example.odcs.yaml", "kafka-schema.odcs.yaml",
            "kafka-schemaregistry.odcs.yaml", "kafka-server.odcs.yaml", "service-and-operational-roles.odcs.yaml"})
    void importsEveryExampleGivenADefaultDomain(String example) throws IOException {
        DataProductContract contract = importExample(example, "marketing").contract();

        assertThat(contract.getId()).matches("[a-z0-9-]+\\.[a-z0-9-]+");
        assertThat(contract.getProperties()).containsKey("odcs.id");
    }

    @Test
    void mapsTheFullExampleAndWarnsAboutWhatHasNoPlace() throws IOException {
        OdcsImport imported = importExample("full-example.odcs.yaml", null);
        DataProductContract contract = imported.contract();

        assertThat(contract.getId()).isEqualTo("seller.my-quantum");
        assertThat(contract.getVersion()).isEqualTo("1.1.0");
        assertThat(contract.getStatus()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(contract.getOwner().getTeam()).isEqualTo("my-team");
        assertThat(contract.getClassification()).isEqualTo(Classification.RESTRICTED);
        assertThat(contract.getFields()).extracting(f -> f.getName()).containsExactly("transaction_reference_date", "rcvr_id", "rcvr_cntry_code");
        assertThat(contract.getGuarantees().getFreshnessMaxAgeMs()).isEqualTo(Duration.ofDays(4).toMillis());
        assertThat(contract.getGuarantees().getCompletenessPercent()).isEqualTo(100.0);
        assertThat(contract.getRetentionMs()).isEqualTo(Duration.ofDays(3 * 365).toMillis());
        assertThat(contract.getProperties()).containsEntry("odcs.role.bq_unica_user_opr", "write");
        assertThat(imported.warnings()).anySatisfy(w -> assertThat(w).startsWith("$.price"))
                .anySatisfy(w -> assertThat(w).startsWith("$.schema[1]"))
                .anySatisfy(w -> assertThat(w).startsWith("$.servers[0]").contains("postgres"));
    }

    @Test
    void mapsAKafkaServerToAnOutputPortOnTheTopicOfTheSchemaObject() throws IOException {
        DataProductContract contract = importExample("kafka-server.odcs.yaml", "sales").contract();

        assertThat(contract.getOutputPorts()).singleElement().satisfies(port -> {
            assertThat(port.getTopic()).isEqualTo("orders.avro.v1");
            assertThat(port.getFormat()).isEqualTo("avro");
        });
        assertThat(contract.getStatus()).isEqualTo(ProductStatus.DRAFT);
    }

    @Test
    void refusesADocumentThatBreaksTheOdcsSchemaNamingPathAndLine() {
        String text = "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\ndomain: sales\n"
                + "schema:\n  - name: Orders\n    properties:\n      - name: qty\n        required: maybe\n";

        assertThatThrownBy(() -> OdcsImporter.importContract("orders.yaml", text, null))
                .isInstanceOf(YamlFileException.class)
                .hasMessageContaining("orders.yaml:11: $.schema[0].properties[0].required");
    }
}
