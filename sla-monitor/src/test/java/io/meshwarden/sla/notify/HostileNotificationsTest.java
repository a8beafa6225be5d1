package io.meshwarden.sla.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertState;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.hostile.HostileStrings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input suite at the notification outputs: an alert whose product, message and owner
 * are hostile strings becomes Alertmanager and webhook payloads that are valid JSON holding every
 * string exactly (JSON escapes them; what a receiver renders is the receiver's to escape).
 */
class HostileNotificationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyHostileStringTravelsExactlyInBothPayloads() throws Exception {
        for (String raw : HostileStrings.CORPUS) {
            String text = new String(raw.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            Alert alert = Alert.newBuilder(Alerts.transition("hostile.x", "freshness", AlertState.OPEN, "opened", Alerts.FIRST_SEEN))
                    .setProductId("hostile." + text).setMessage(text).setOwnerTeam(text).build();

            JsonNode alertmanager = JSON.readTree(AlertmanagerSink.payload(alert).toString());
            JsonNode webhook = JSON.readTree(EventCodec.of(Alert.class).toJson(alert).toString());

            assertThat(alertmanager.at("/labels/product").asText()).isEqualTo("hostile." + text);
            assertThat(alertmanager.at("/annotations/summary").asText()).isEqualTo(text);
            assertThat(alertmanager.at("/labels/owner_team").asText()).isEqualTo(text);
            assertThat(webhook.get("message").asText()).isEqualTo(text);
            assertThat(WebhookSink.sign("k".getBytes(StandardCharsets.UTF_8), webhook.toString())).hasSize(64);
        }
    }
}
