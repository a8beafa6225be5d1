package io.meshwarden.governance.odcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.DecisionOutcome;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the importer used to repair silently now reaches governance as written: each test starts
 * from the demo's compliant ODCS contract, which is accepted, and changes one thing.
 */
class OdcsFaithfulImportTest {
    static final Path COMPLIANT = Path.of("../mesh-local/src/main/resources/demo/contracts/odcs/paid-media.campaign-performance.odcs.yaml");
    private static final PolicyLayers SHIPPED = ShippedPoliciesTest.shippedLayers();
    private static String compliant;

    @BeforeAll
    static void read() throws IOException {
        compliant = Files.readString(COMPLIANT);
    }

    private static DataProductContract imported(String text) {
        return OdcsImporter.importContract("contract.odcs.yaml", text, null).contract();
    }

    private static Verdict verdict(String text) {
        return SHIPPED.evaluate(ContractContext.of(imported(text)));
    }

    private static String replace(String from, String to) {
        assertThat(compliant).contains(from);
        return compliant.replace(from, to);
    }

    @Test
    void acceptsTheCompliantContract() {
        assertThat(verdict(compliant).outcome()).as("%s", verdict(compliant).findings()).isEqualTo(DecisionOutcome.ACCEPTED);
    }

    @Test
    void aMissingStewardIsABlockingFindingNotTheOwner() {
        String text = replace("    - username: steward@paid-media.example.com\n      role: steward\n", "");

        assertThat(imported(text).getOwner().getSteward()).isNull();
        assertThat(verdict(text).findings()).filteredOn(Finding::blocking)
                .anySatisfy(f -> assertThat(f.ruleId() + ": " + f.message()).isEqualTo("metadata.ownership: product paid-media.campaign-performance has no steward"));
        assertThat(verdict(text).outcome()).isEqualTo(DecisionOutcome.REJECTED);
    }

    @Test
    void aNonKebabDataProductIsANamingFindingNotRenamed() {
        String text = replace("name: campaign-performance\n", "name: campaign-performance\ndataProduct: CampaignPerformance\n");

        assertThat(imported(text).getId()).isEqualTo("paid-media.CampaignPerformance");
        assertThat(verdict(text).findings()).filteredOn(Finding::blocking).extracting(Finding::ruleId).contains("naming.product-id");
    }

    @Test
    void aDomainIsKeptAsWritten() {
        String text = replace("domain: paid-media\n", "domain: Paid_Media\n");

        assertThat(imported(text).getDomain()).isEqualTo("Paid_Media");
        assertThat(verdict(text).findings()).extracting(Finding::ruleId).contains("naming.product-id");
    }

    @Test
    void recognisesAndImportsQuotedScalars() {
        String text = replace("kind: DataContract\n", "kind: 'DataContract'\n").replace("apiVersion: \"v3.1.0\"", "apiVersion: \"v3.0.2\"")
                .replace("version: 1.0.0\n", "version: \"1.0.0\"\n").replace("value: 99.5\n", "value: \"99.5\"\n")
                .replace("mustBe: 0\n", "mustBe: \"0\"\n");

        assertThat(OdcsImporter.recognises(text)).isTrue();
        assertThat(imported(text).getVersion()).isEqualTo("1.0.0");
        assertThat(imported(text).getGuarantees().getCompletenessPercent()).isEqualTo(99.5);
        assertThat(imported(text).getQualityRules().get(1).getThreshold()).isEqualTo(0.0);
        assertThat(imported(text).getProductSchema()).isEqualTo(imported(compliant).getProductSchema());
        assertThat(OdcsImporter.recognises("id: paid-media.x\nversion: 1.0.0\n")).isFalse();
        assertThat(OdcsImporter.recognises("kind: [unclosed")).isFalse();
    }

    @Test
    void checksALaterV31PatchReleaseAsV310AndSaysSo() {
        OdcsImport imported = OdcsImporter.importContract("c.yaml", replace("apiVersion: \"v3.1.0\"", "apiVersion: v3.1.1"), null);

        assertThat(imported.contract().getId()).isEqualTo("paid-media.campaign-performance");
        assertThat(imported.warnings()).anySatisfy(w -> assertThat(w).startsWith("$.apiVersion v3.1.1 is newer"));
    }

    @Test
    void readsIso8601AndValueUnitDurations() {
        String text = replace("  - property: latency\n    value: 1\n    unit: h\n", "  - property: latency\n    value: PT15M\n")
                .replace("  - property: retention\n    value: P90D\n", "  - property: retention\n    value: P1Y\n"
                        + "  - property: frequency\n    value: 2\n    unit: weeks\n  - property: timeToDetect\n    value: 1500\n    unit: ms\n");

        DataProductContract contract = imported(text);

        assertThat(contract.getGuarantees().getFreshnessMaxAgeMs()).isEqualTo(Duration.ofMinutes(15).toMillis());
        assertThat(contract.getRetentionMs()).isEqualTo(Duration.ofDays(365).toMillis());
        assertThat(contract.getGuarantees().getFrequencyMs()).isEqualTo(Duration.ofDays(14).toMillis());
        assertThat(contract.getGuarantees().getTimeToDetectMs()).isEqualTo(1500L);
    }

    @Test
    void aDurationWithoutAUnitIsNotReadAsDays() {
        OdcsImport imported = OdcsImporter.importContract("c.yaml", replace("    value: 1\n    unit: h\n", "    value: 1\n"), null);

        assertThat(imported.contract().getGuarantees().getFreshnessMaxAgeMs()).isNull();
        assertThat(imported.contract().getProperties()).containsEntry("odcs.sla.latency", "1");
        assertThat(imported.warnings()).anySatisfy(w -> assertThat(w).startsWith("$.slaProperties[1] (latency 1, no unit) is not a duration"));
    }

    @Test
    void keepsAnUnknownSlaPropertyAndSaysSo() {
        OdcsImport imported = OdcsImporter.importContract("c.yaml", replace("slaProperties:\n",
                "slaProperties:\n  - property: endOfSupport\n    value: \"2032-05-12\"\n"), null);

        assertThat(imported.contract().getProperties()).containsEntry("odcs.sla.endOfSupport", "2032-05-12");
        assertThat(imported.warnings()).contains("$.slaProperties[0] (endOfSupport) is no guarantee Meshwarden checks; kept as property odcs.sla.endOfSupport");
    }

    @Test
    void classificationComesFromTheDocumentOrIsSaidToBeTheDefault() {
        String withoutProperty = replace("  - property: classification\n    value: internal\n", "");
        String withoutAny = withoutProperty.replace("        classification: internal\n", "");

        assertThat(imported(withoutProperty.replace("classification: internal\n        quality", "classification: confidential\n        quality"))
                .getClassification()).isEqualTo(Classification.CONFIDENTIAL);
        OdcsImport imported = OdcsImporter.importContract("c.yaml", withoutAny, null);
        assertThat(imported.contract().getClassification()).isEqualTo(Classification.INTERNAL);
        assertThat(imported.warnings()).anySatisfy(w -> assertThat(w).startsWith("$ states no classification"));
    }

    @Test
    void customPropertiesKeepTheirOwnNamesSoDomainPoliciesCanRequireThem() {
        String text = replace("  - property: api-rate-limit\n    value: 15000/day\n", "");

        assertThat(imported(compliant).getProperties()).containsEntry("api-rate-limit", "15000/day").doesNotContainKey("odcs.api-rate-limit");
        assertThat(imported(compliant).getSourcePlatform()).isEqualTo("google-ads");
        assertThat(verdict(text).findings()).filteredOn(Finding::blocking).extracting(Finding::ruleId).containsExactly("paid-media.ad-platform");
    }

    @Test
    void takesANamedAvroSchemaThatAgreesWithTheProperties() {
        String named = "{\"type\":\"record\",\"name\":\"Spend\",\"namespace\":\"ads\",\"fields\":[{\"name\":\"campaign_id\",\"type\":\"string\"},"
                + "{\"name\":\"spend_micros\",\"type\":\"long\"},{\"name\":\"clicks\",\"type\":\"int\"}]}";
        String text = replace("customProperties:\n", "customProperties:\n  - property: avroSchema\n    value: '" + named + "'\n");

        assertThat(imported(text).getProductSchema()).isEqualTo(new org.apache.avro.Schema.Parser().parse(named).toString());
    }

    @Test
    void refusesANamedAvroSchemaThatDisagreesNamingTheField() {
        String named = "{\"type\":\"record\",\"name\":\"Spend\",\"fields\":[{\"name\":\"campaign_id\",\"type\":\"string\"},"
                + "{\"name\":\"spend_micros\",\"type\":\"string\"},{\"name\":\"clicks\",\"type\":\"long\"}]}";
        String text = replace("    format: avro\n", "    format: avro\n    customProperties:\n      - property: avroSchema\n        value: '" + named + "'\n");

        assertThatThrownBy(() -> imported(text)).isInstanceOf(YamlFileException.class)
                .hasMessageContaining("$.servers[0].customProperties: the ODCS properties and the Avro schema named here disagree:"
                        + " field 'spend_micros' is integer in ODCS but string");
    }

    @Test
    void readsANamedAvroSchemaFileBesideTheDocument(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("spend.avsc"), "{\"type\":\"record\",\"name\":\"Spend\",\"fields\":[{\"name\":\"campaign_id\",\"type\":\"string\"}]}");
        Path file = dir.resolve("contract.odcs.yaml");
        String text = replace("customProperties:\n", "customProperties:\n  - property: avroSchema\n    value: spend.avsc\n");

        assertThatThrownBy(() -> OdcsImporter.importContract(file.toString(), text, null)).isInstanceOf(YamlFileException.class)
                .hasMessageContaining("field 'spend_micros' is not in the named Avro schema");
    }
}
