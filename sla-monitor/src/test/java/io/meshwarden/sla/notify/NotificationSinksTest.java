package io.meshwarden.sla.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.AlertState;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sinks from the configuration, with clear errors, and the payloads they send. */
class NotificationSinksTest {

    private static MeshwardenConfig config(Map<String, String> values) {
        return MeshwardenConfig.defaults(values);
    }

    @Test
    void buildsTheConfiguredSinksAndNoneByDefault() {
        assertThat(NotificationService.sinks(config(Map.of()))).isEmpty();
        assertThat(NotificationService.sinks(config(Map.of(Settings.NOTIFY_ALERTMANAGER_URL.key(), "http://am:9093",
                Settings.NOTIFY_WEBHOOK_URL.key(), "https://hooks.example/x", Settings.NOTIFY_WEBHOOK_SECRET.key(), "k"))))
                .extracting(NotificationSink::name).containsExactly("alertmanager", "webhook");
    }

    @Test
    void refusesAWebhookWithoutASecretAndAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> NotificationService.sinks(config(Map.of(Settings.NOTIFY_WEBHOOK_URL.key(), "https://hooks.example/x"))))
                .hasMessageContaining("meshwarden.notify.webhook.secret");
        assertThatThrownBy(() -> NotificationService.sinks(config(Map.of(Settings.NOTIFY_ALERTMANAGER_URL.key(), "file:///etc/passwd"))))
                .hasMessage("meshwarden.notify.alertmanager.url must be an http or https URL, not file:///etc/passwd");
    }

    @Test
    void anAlertmanagerAlertEndsOnlyWhenResolvedAndKeepsItsLabelsThroughItsStates() {
        var open = AlertmanagerSink.payload(Alerts.transition("paid-media.spend", "freshness", AlertState.OPEN, "opened",
                Alerts.FIRST_SEEN));
        var acknowledged = AlertmanagerSink.payload(Alerts.transition("paid-media.spend", "freshness", AlertState.ACKNOWLEDGED,
                "acknowledged", Alerts.FIRST_SEEN.plusSeconds(60)));
        var resolved = AlertmanagerSink.payload(Alerts.transition("paid-media.spend", "freshness", AlertState.RESOLVED, "resolved",
                Alerts.FIRST_SEEN.plusSeconds(120)));

        assertThat(acknowledged.get("labels")).isEqualTo(open.get("labels")).isEqualTo(resolved.get("labels"));
        assertThat(open.has("endsAt")).isFalse();
        assertThat(resolved.get("endsAt").asText()).isEqualTo("2026-12-01T10:02:00Z");
        assertThat(open.get("startsAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(acknowledged.at("/annotations/state").asText()).isEqualTo("acknowledged");
    }

    @Test
    void backsOffDoublingUpToTheCeiling() {
        Retry retry = new Retry(6, Duration.ofMillis(500), Duration.ofSeconds(3));
        assertThat(retry.backoffAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(retry.backoffAfter(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retry.backoffAfter(5)).isEqualTo(Duration.ofSeconds(3));
    }
}
