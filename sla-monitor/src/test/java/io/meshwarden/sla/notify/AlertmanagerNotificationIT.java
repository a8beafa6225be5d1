package io.meshwarden.sla.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.AlertState;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Topics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert transitions reach a real Alertmanager (Debian's prometheus-alertmanager): an open alert
 * appears in its API with Meshwarden's labels and annotations, is kept open by the refresh after
 * the relay restarted, and is gone once resolved. Skipped, never faked, where the binary is missing.
 */
@EmbeddedKafka
class AlertmanagerNotificationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anOpenAlertAppearsWithItsLabelsStaysWhileActiveAndGoesOnResolution(EmbeddedKafkaBroker broker, @TempDir Path dir)
            throws Exception {
        Assumptions.assumeTrue(AlertmanagerProcess.installed(), "prometheus-alertmanager is not installed");
        String prefix = "am-it.";
        broker.createTopic(prefix + Topics.ALERTS.suffix(), 2, false);
        broker.createTopic(prefix + Topics.DEAD_LETTER.suffix(), 1, false);
        try (AlertmanagerProcess alertmanager = AlertmanagerProcess.start(dir)) {
            MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                    Settings.TOPIC_PREFIX.key(), prefix, Settings.APPLICATION_ID_PREFIX.key(), "am-it",
                    Settings.NOTIFY_ALERTMANAGER_URL.key(), alertmanager.url().toString(),
                    Settings.NOTIFY_BACKOFF_MS.key(), "500"));
            Instant opened = Instant.now().minusSeconds(30);
            try (NotificationRelay relay = relay(config)) {
                relay.start();
                Alerts.publish(config, Alerts.transition("paid-media.spend", "freshness", AlertState.OPEN, "opened", opened));

                JsonNode alert = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> alerts(alertmanager.url(), "paid-media.spend/freshness"), found -> found.size() == 1).get(0);
                assertThat(alert.get("labels")).isEqualTo(JSON.readTree("""
                        {"alertname": "freshness", "alert_id": "paid-media.spend/freshness", "domain": "paid-media",
                         "product": "paid-media.spend", "rule": "freshness", "severity": "blocking", "source": "meshwarden",
                         "owner_team": "paid-media-team", "steward": "steward@paid-media.example.com"}"""));
                assertThat(alert.at("/annotations/summary").asText()).isEqualTo("product paid-media.spend is stale");
                assertThat(alert.at("/annotations/state").asText()).isEqualTo("open");
                assertThat(alert.at("/status/state").asText()).isEqualTo("active");
            }
            try (NotificationRelay restarted = relay(config)) {
                restarted.start();
                // Replayed, not re-delivered: the restarted relay knows the alert is active and refreshes it.
                await().atMost(Duration.ofSeconds(30)).until(() -> restarted.activeCount() == 1);
                Alerts.publish(config, Alerts.transition("paid-media.spend", "freshness", AlertState.RESOLVED, "resolved",
                        Instant.now()));
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> alerts(alertmanager.url(), "paid-media.spend/freshness"), JsonNode::isEmpty);
            }
        }
    }

    /** Alertmanager's active alerts with this alert id (resolved ones it no longer lists). */
    private static JsonNode alerts(URI alertmanager, String alertId) throws Exception {
        String filter = URLEncoder.encode("alert_id=\"" + alertId + "\"", StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(alertmanager.resolve("/api/v2/alerts?filter=" + filter))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Alertmanager answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static NotificationRelay relay(MeshwardenConfig config) {
        return new NotificationRelay(config, NotificationService.sinks(config), Duration.ofSeconds(2), Clock.systemUTC());
    }
}
