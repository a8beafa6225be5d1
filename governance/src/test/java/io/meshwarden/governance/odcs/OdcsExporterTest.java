package io.meshwarden.governance.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.governance.contract.ContractYaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ODCS export of contracts that did not come from ODCS: valid, and read back as the same product. */
class OdcsExporterTest {
    static final Path DEMO = Path.of("../mesh-local/src/main/resources/demo/contracts");

    @Test
    void exportsAMeshwardenContractSoThatItsSchemaFieldsAndGuaranteesComeBack() {
        DataProductContract contract = ContractYaml.read(DEMO.resolve("paid-media.campaign-performance.yaml"));

        OdcsExporter.Export export = OdcsExporter.export(contract, "broker:9092");
        DataProductContract back = OdcsImporter.importContract("exported.yaml", export.yaml(), null).contract();

        assertThat(export.document().path("apiVersion").asText()).isEqualTo("v3.1.0");
        assertThat(export.document().path("servers").path(0).path("host").asText()).isEqualTo("broker:9092");
        assertThat(back.getProductSchema()).isEqualTo(contract.getProductSchema());
        assertThat(back.getFields()).isEqualTo(contract.getFields());
        assertThat(back.getGuarantees()).isEqualTo(contract.getGuarantees());
        assertThat(back.getOutputPorts()).isEqualTo(contract.getOutputPorts());
        assertThat(back.getSourcePlatform()).isEqualTo("google-ads");
        assertThat(back.getProperties()).containsEntry("api-rate-limit", "15000/day").containsEntry("odcs.id", contract.getId());
        assertThat(OdcsExporter.export(back, "broker:9092").yaml()).isEqualTo(export.yaml());
    }

    @Test
    void carriesAnAvroSchemaOdcsCannotTypeAsTheAvroSchemaPropertyAndWarns() {
        String schema = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":[{\"name\":\"state\",\"type\":"
                + "{\"type\":\"enum\",\"name\":\"State\",\"symbols\":[\"OPEN\",\"CLOSED\"]}},{\"name\":\"attributes\",\"type\":"
                + "{\"type\":\"map\",\"values\":\"string\"}}]}";
        DataProductContract contract = DataProductContract.newBuilder().setId("sales.orders").setDomain("sales").setName("orders")
                .setVersion("2.0.0").setProductSchema(new org.apache.avro.Schema.Parser().parse(schema).toString())
                .setUpstreamProducts(List.of("sales.carts", "sales.prices")).setProperties(Map.of("tier", "gold"))
                .setQualityRules(List.of(QualityRule.newBuilder().setPath("$.schema[0].quality[0]").setMetric("sql")
                        .setDefinition("SELECT 1").setOperator("mustBe").setThreshold(1.0).build()))
                .setOwner(io.meshwarden.avro.Ownership.newBuilder().setTeam("sales-team").setSteward(null).build()).build();

        OdcsExporter.Export export = OdcsExporter.export(contract, "broker:9092");
        DataProductContract back = OdcsImporter.importContract("exported.yaml", export.yaml(), null).contract();

        assertThat(export.warnings()).anySatisfy(w -> assertThat(w).contains("orders.attributes is an Avro map"));
        assertThat(back.getProductSchema()).isEqualTo(contract.getProductSchema());
        assertThat(back.getUpstreamProducts()).containsExactly("sales.carts", "sales.prices");
        assertThat(back.getQualityRules()).isEqualTo(contract.getQualityRules());
        assertThat(back.getProperties()).containsEntry("tier", "gold");
        assertThat(back.getOwner().getSteward()).isNull();
    }
}
