package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Samples;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts, acknowledgements and error budgets live in changelogged state stores: a restarted service
 * (same application id and state directory) answers with the same ones, and goes on counting.
 */
@EmbeddedKafka
class SlaRestartIT {
    private static final String ORDERS = "paid-media.orders";
    private static final String LEADS = "email.leads";

    @Test
    void restartedServiceFindsTheSameAlertsAcknowledgementsAndBudgets(EmbeddedKafkaBroker kafka, @TempDir Path stateDir) {
        try (SlaService sla = new SlaService(kafka.bootstrapServers(), stateDir, Map.of("meshwarden.sla.punctuate.interval.ms", "500"))) {
            sla.contract(Samples.contract(ORDERS));
            sla.contract(Samples.contract(LEADS));
            Instant now = Instant.now();
            // A six-minute outage three hours ago: 6 of the 43.2 minutes a 99.9 % guarantee allows in 30 days.
            sla.violation(ORDERS, "freshness", Severity.BLOCKING, ViolationStatus.BREACH, now.minus(Duration.ofHours(3)));
            sla.violation(ORDERS, "freshness", Severity.BLOCKING, ViolationStatus.RECOVERY,
                    now.minus(Duration.ofHours(3)).plus(Duration.ofMinutes(6)));
            sla.violation(LEADS, "metadata.ownership", Severity.BLOCKING, ViolationStatus.BREACH, now);
            sla.violation(LEADS, "metadata.ownership", Severity.BLOCKING, ViolationStatus.BREACH, now.plusSeconds(1));
            sla.violation(LEADS, "naming.product-id", Severity.WARNING, ViolationStatus.BREACH, now);
            sla.awaitJson("/api/alerts?active=true", alerts -> alerts.size() == 2);
            assertThat(sla.post("/api/alerts/" + LEADS + "/metadata.ownership/acknowledge", "{\"actor\": \"ana\"}").status())
                    .isEqualTo(202);
            sla.awaitJson("/api/alerts?state=ACKNOWLEDGED", alerts -> alerts.size() == 1);

            Map<String, String> alertsBefore = alerts(sla);
            double budgetBefore = budget(sla, ORDERS);
            assertThat(budgetBefore).isCloseTo(1 - 6 / 43.2, offset(1e-3));
            assertThat(alertsBefore).containsEntry(LEADS + "/metadata.ownership", "ACKNOWLEDGED by ana, 2 seen")
                    .containsEntry(LEADS + "/naming.product-id", "OPEN by nobody, 1 seen")
                    .containsEntry(ORDERS + "/freshness", "RESOLVED by nobody, 1 seen");

            sla.restart();

            assertThat(alerts(sla)).isEqualTo(alertsBefore);
            assertThat(budget(sla, ORDERS)).isCloseTo(budgetBefore, offset(1e-6));
            // The restarted service goes on from the stored state: a repeat is counted, not re-opened.
            sla.violation(LEADS, "metadata.ownership", Severity.BLOCKING, ViolationStatus.BREACH, now.plusSeconds(2));
            sla.awaitJson("/api/alerts?productId=" + LEADS + "&slaKind=metadata.ownership",
                    alerts -> alerts.get(0).get("occurrences").asLong() == 3);
            assertThat(alerts(sla).get(LEADS + "/metadata.ownership")).isEqualTo("ACKNOWLEDGED by ana, 3 seen");
        }
    }

    private static Map<String, String> alerts(SlaService sla) {
        Map<String, String> alerts = new TreeMap<>();
        for (JsonNode alert : sla.get("/api/alerts").body()) {
            alerts.put(alert.get("alertId").asText(), alert.get("state").asText() + " by "
                    + alert.path("acknowledgedBy").asText("nobody") + ", " + alert.get("occurrences").asLong() + " seen");
        }
        return alerts;
    }

    private static double budget(SlaService sla, String productId) {
        return sla.get("/api/products/" + productId).body().at("/product/sla/budgetRemaining").asDouble();
    }
}
