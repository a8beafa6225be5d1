package {{package}};

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.testkit.Mesh;
import io.meshwarden.testkit.MeshwardenTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The hourly metric on a running mesh: its contract is accepted, events sum per campaign and hour, a bad one is dead-lettered. */
@MeshwardenTest
class HourlyMetricTest {
    private static final long TEN = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
    private static final long ELEVEN = TEN + Duration.ofHours(1).toMillis();

    @Test
    void sumsClicksAndSpendPerCampaignPerHour(Mesh mesh) {
        ProductContract contract = ProductContract.load();
        mesh.assertAccepted(contract.contract());

        try (StreamApp app = StreamApp.start(mesh.config())) {
            TopicRecords.send(mesh.config(), contract.property("pipeline.input-topic"), List.of(
                    event("c-1", TEN + 5 * 60_000, 3, 100), event("c-2", TEN + 15 * 60_000, 1, 50),
                    event("c-1", TEN + 40 * 60_000, 4, 200), new String[] {"bad", "{\"campaign_id\": 7}"},
                    event("c-1", ELEVEN + 10 * 60_000, 1, 10)));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(latest(mesh, contract)).containsOnly(
                    Map.entry("c-1@" + TEN, "{\"campaign_id\":\"c-1\",\"window_start\":" + TEN + ",\"clicks\":7,\"spend_micros\":300}"),
                    Map.entry("c-2@" + TEN, "{\"campaign_id\":\"c-2\",\"window_start\":" + TEN + ",\"clicks\":1,\"spend_micros\":50}"),
                    Map.entry("c-1@" + ELEVEN, "{\"campaign_id\":\"c-1\",\"window_start\":" + ELEVEN + ",\"clicks\":1,\"spend_micros\":10}")));
            assertThat(TopicRecords.read(mesh.config(), contract.property("pipeline.dead-letter-topic"), 1))
                    .singleElement().satisfies(record -> assertThat(record.key()).isEqualTo("bad"));
        }
    }

    private static Map<String, String> latest(Mesh mesh, ProductContract contract) {
        Map<String, String> latest = new HashMap<>();
        for (ConsumerRecord<String, String> record : TopicRecords.read(mesh.config(), contract.outputTopic(), 3)) {
            latest.put(record.key(), record.value());
        }
        return latest;
    }

    private static String[] event(String campaign, long time, long clicks, long spend) {
        return new String[] {campaign, "{\"campaign_id\": \"" + campaign + "\", \"event_time\": " + time + ", \"clicks\": " + clicks
                + ", \"spend_micros\": " + spend + "}"};
    }
}
