package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of repeated breaches (a smaller version of the benchmark harness): the alert topic carries
 * exactly one OPEN event per (product, SLA kind) episode, however many times each episode repeats.
 */
@EmbeddedKafka
class AlertFloodIT {
    private static final int PRODUCTS = 40;
    private static final int REPEATS = 15;
    private static final int EPISODES = 2;

    @Test
    void floodOfRepeatedBreachesOpensOneAlertPerEpisode(EmbeddedKafkaBroker kafka, @TempDir Path stateDir) {
        try (SlaService sla = new SlaService(kafka.bootstrapServers(), stateDir, Map.of());
             TopicTail tail = TopicTail.of(kafka.bootstrapServers(), sla.config.topics().name(Topics.ALERTS))) {
            Instant at = Instant.now();
            for (int episode = 0; episode < EPISODES; episode++) {
                for (int repeat = 0; repeat < REPEATS; repeat++) {
                    at = at.plusMillis(1);
                    for (int product = 0; product < PRODUCTS; product++) {
                        sla.violation(product(product), "completeness", Severity.WARNING, ViolationStatus.BREACH, at);
                    }
                }
                at = at.plusMillis(1);
                for (int product = 0; product < PRODUCTS; product++) {
                    sla.violation(product(product), "completeness", Severity.WARNING, ViolationStatus.RECOVERY, at);
                }
            }
            EventCodec<Alert> codec = EventCodec.of(Alert.class);
            await().atMost(SlaService.WAIT).until(() -> tail.poll().size() >= PRODUCTS * EPISODES * 2);
            List<Alert> events = tail.poll().stream().map(record -> codec.decode(record.value())).toList();

            Map<String, Long> opened = events.stream().filter(alert -> alert.getTransition().equals("opened"))
                    .collect(Collectors.groupingBy(Alert::getAlertId, Collectors.counting()));
            assertThat(opened).hasSize(PRODUCTS).allSatisfy((alertId, count) -> assertThat(count).isEqualTo(EPISODES));
            assertThat(events).hasSize(PRODUCTS * EPISODES * 2); // an OPEN and a RESOLVED per episode, nothing else
            assertThat(sla.get("/api/alerts?productId=" + product(7)).body().get(0).get("occurrences").asLong())
                    .isEqualTo(REPEATS);
        }
    }

    private static String product(int index) {
        return "social.product-" + index;
    }
}
