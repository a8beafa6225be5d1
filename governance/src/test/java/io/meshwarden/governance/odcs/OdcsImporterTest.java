package io.meshwarden.governance.odcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Verdict;
import io.meshwarden.governance.policy.PolicyLayers;
import io.meshwarden.governance.policy.ShippedPoliciesTest;
import io.meshwarden.governance.yaml.YamlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every public ODCS example (copied from ../shared/fixtures/odcs into the test resources) imports
 * with an Avro schema wherever it declares properties, and is judged by the shipped policy sets
 * for what it says, not for what the importer failed to read.
 */
class OdcsImporterTest {
    static final Path EXAMPLES = Path.of("src/test/resources/odcs-examples");
    private static final PolicyLayers SHIPPED = ShippedPoliciesTest.shippedLayers();

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

    /**
     * The expected verdict of each example under policies/ (global and domain sets), as `meshwarden
     * validate --domain marketing` gives it: every one is rejected, for what it lacks (a steward, a
     * retention, a kebab-case name as written); none for a schema its properties describe.
     */
    @ParameterizedTest(name = "{0}: {1} blocking [{2}]")
    @CsvSource(delimiter = '|', value = {
            "basic-four-dpo.odcs.yaml|REJECTED|metadata.ownership naming.product-id metadata.required retention.ceiling schema.valid",
            "column-completeness.odcs.yaml|REJECTED|metadata.ownership naming.product-id metadata.required retention.ceiling",
            "column-validity.odcs.yaml|REJECTED|metadata.ownership naming.product-id metadata.required retention.ceiling",
            "database-table-sla.odcs.yaml|REJECTED|metadata.ownership naming.product-id metadata.required retention.ceiling schema.valid",
            "full-example.odcs.yaml|REJECTED|metadata.ownership metadata.required retention.ceiling",
            "kafka-schema.odcs.yaml|REJECTED|metadata.ownership naming.product-id naming.output-topic metadata.required retention.ceiling",
            "kafka-schemaregistry.odcs.yaml|REJECTED|metadata.ownership naming.product-id naming.output-topic metadata.required retention.ceiling schema.valid",
            "kafka-server.odcs.yaml|REJECTED|metadata.ownership naming.product-id naming.output-topic metadata.required retention.ceiling schema.valid",
            "service-and-operational-roles.odcs.yaml|REJECTED|metadata.ownership naming.product-id metadata.required retention.ceiling schema.valid"})
    void judgesEveryExampleForWhatItSays(String example, DecisionOutcome outcome, String blocking) throws IOException {
        Path file = EXAMPLES.resolve(example);
        JsonNode document = new YAMLMapper().readTree(Files.readString(file));
        boolean declaresProperties = false;
        for (JsonNode object : document.path("schema")) {
            declaresProperties |= !object.path("properties").isEmpty();
        }
        OdcsImport imported = importExample(example, "marketing");

        for (DataProductContract contract : imported.contracts()) {
            Verdict verdict = SHIPPED.evaluate(ContractContext.of(contract));
            assertThat(verdict.outcome()).as("%s", verdict.findings()).isEqualTo(outcome);
            Set<String> fired = verdict.findings().stream().filter(Finding::blocking).map(Finding::ruleId)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(fired).isEqualTo(new TreeSet<>(Set.of(blocking.split(" "))));
            if (declaresProperties) {
                assertThat(contract.getProductSchema()).isNotNull();
                assertThat(verdict.findings()).noneSatisfy(f -> assertThat(f.message()).contains("declares no Avro schema"));
            }
            assertThat(contract.getProperties()).containsKey("odcs.id");
        }
    }

    @Test
    void mapsTheFullExampleAsOneProductPerSchemaObjectAndWarnsAboutWhatHasNoPlace() throws IOException {
        OdcsImport imported = importExample("full-example.odcs.yaml", null);

        assertThat(imported.contracts()).extracting(DataProductContract::getId).containsExactly("seller.tbl", "seller.receivers");
        DataProductContract contract = imported.contracts().get(0);
        assertThat(contract.getVersion()).isEqualTo("1.1.0");
        assertThat(contract.getStatus()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(contract.getOwner().getTeam()).isEqualTo("my-team");
        assertThat(contract.getOwner().getSteward()).as("no member is a steward; the owner does not stand in").isNull();
        assertThat(contract.getClassification()).isEqualTo(Classification.RESTRICTED);
        assertThat(contract.getFields()).extracting(f -> f.getName()).containsExactly("transaction_reference_date", "rcvr_id", "rcvr_cntry_code");
        assertThat(contract.getGuarantees().getFreshnessMaxAgeMs()).isEqualTo(Duration.ofDays(4).toMillis());
        assertThat(contract.getGuarantees().getFrequencyMs()).isEqualTo(Duration.ofDays(1).toMillis());
        assertThat(contract.getRetentionMs()).isEqualTo(Duration.ofDays(3 * 365).toMillis());
        assertThat(contract.getProperties()).containsEntry("odcs.dataProduct", "my quantum")
                .containsEntry("odcs.role.bq_unica_user_opr", "write")
                .containsEntry("refRulesetName", "gcsc.ruleset.name").containsEntry("business-key", "[\"txn_ref_dt\",\"rcvr_id\"]")
                .containsEntry("odcs.sla.endOfLife", "2042-05-12T09:30:10-08:00");
        assertThat(contract.getQualityRules()).extracting(r -> r.getPath() + " " + r.getMetric())
                .containsExactly("$.schema[0].quality[0] rowCount", "$.schema[0].properties[2].quality[0] nullValues");
        assertThat(imported.warnings()).anySatisfy(w -> assertThat(w).startsWith("$: tenant, price, support"))
                .anySatisfy(w -> assertThat(w).startsWith("$.schema[0].properties[0]: id, physicalName, primaryKey"))
                .anySatisfy(w -> assertThat(w).startsWith("$.slaProperties[1] (generalAvailability)").contains("odcs.sla.generalAvailability"))
                .anySatisfy(w -> assertThat(w).startsWith("$.servers[0]").contains("postgres"));
    }

    @Test
    void namesTheProductByDataProductAndKeepsTheContractName() throws IOException {
        DataProductContract contract = importExample("basic-four-dpo.odcs.yaml", "marketing").contract();

        assertThat(contract.getId()).isEqualTo("marketing.my_quantum");
        assertThat(contract.getName()).isEqualTo("my_quantum");
        assertThat(contract.getProperties()).containsEntry("odcs.name", "my_table");
        assertThat(OdcsImporter.importContract("back.yaml", OdcsExporter.export(contract, "h:9092").yaml(), null).contract())
                .isEqualTo(contract);
    }

    @Test
    void mapsAKafkaServerToAnOutputPortOnTheTopicOfTheSchemaObject() throws IOException {
        DataProductContract contract = importExample("kafka-server.odcs.yaml", "sales").contract();

        assertThat(contract.getOutputPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("my-kafka");
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
