package io.meshwarden.governance.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.anomaly.AnomalyProperties;
import io.meshwarden.governance.anomaly.AnomalySettings;
import io.meshwarden.governance.validation.ContractChecks;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.validation.InvalidEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Anomaly settings as a team writes them in an ODCS document: {@code customProperties} entries next to the
 * team's own, in the public full example; read into the detector's settings, or refused naming the property.
 */
class OdcsAnomalySettingsTest {
    private static final Path EXAMPLE = Path.of("src/test/resources/odcs-examples/full-example.odcs.yaml");

    @Test
    void customPropertiesSetTheProductsDetector() throws Exception {
        DataProductContract contract = imported("""
                  - property: anomaly.sensitivity
                    value: 5
                  - property: anomaly.maintenance
                    value: "SUN 02:00-04:00"
                """);

        AnomalySettings settings = AnomalyProperties.of(contract.getProperties());
        assertThat(settings.sensitivity()).isEqualTo(5.0);
        assertThat(settings.maintenance()).hasSize(1);
        assertThat(ContractChecks.check(change(contract))).isEmpty();
    }

    @Test
    void aSettingThatDoesNotParseIsRefusedNamingItsProperty() throws Exception {
        DataProductContract contract = imported("""
                  - property: anomaly.sensitivity
                    value: high
                """);

        Optional<InvalidEvent> refused = ContractChecks.check(change(contract));
        assertThat(refused).hasValueSatisfying(invalid -> {
            assertThat(invalid.reason()).isEqualTo(DeadLetterReason.INVALID_SETTING);
            assertThat(invalid.field()).isEqualTo("contract.properties.anomaly.sensitivity");
            assertThat(invalid.message()).contains("must be a number");
        });
    }

    private static DataProductContract imported(String entries) throws Exception {
        String text = Files.readString(EXAMPLE).replace("customProperties:\n  - property: refRulesetName",
                "customProperties:\n" + entries + "  - property: refRulesetName");
        assertThat(text).contains("anomaly.");
        return OdcsImporter.importContract(EXAMPLE.toString(), text, null).contracts().get(0);
    }

    private static ContractChange change(DataProductContract contract) {
        return ContractChange.newBuilder().setChangeId("odcs-anomaly").setProductId(contract.getId())
                .setPublishedBy("team").setPublishedAt(Instant.parse("2026-12-01T00:00:00Z")).setContract(contract).build();
    }
}
