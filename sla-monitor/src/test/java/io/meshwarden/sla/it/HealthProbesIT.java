package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.sla.SlaMonitor;
import io.meshwarden.sla.streams.SlaStreams;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liveness and readiness of a real SLA monitor: ready only while RUNNING, not while a second
 * instance joining its group makes it rebalance; alive throughout. The probes are asked from the
 * state listener itself, on the stream thread that moved to REBALANCING, so the answer is the one
 * an orchestrator gets during that rebalance and no timing is guessed.
 */
@EmbeddedKafka
class HealthProbesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readinessIsDownWhileRebalancingAndLivenessStaysUp(EmbeddedKafkaBroker kafka, @TempDir Path stateDir) throws Exception {
        String run = "probes" + System.nanoTime();
        try (SlaMonitor first = start(kafka, run, stateDir.resolve("first"))) {
            SlaStreams streams = first.context().getBean(SlaStreams.class);
            List<String> duringRebalance = new CopyOnWriteArrayList<>();
            streams.addStateListener((now, before) -> {
                if (now == KafkaStreams.State.REBALANCING && before == KafkaStreams.State.RUNNING) {
                    duringRebalance.add(status(first, "/health/readiness") + " " + status(first, "/health/liveness"));
                }
            });
            await().atMost(WAIT).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            await().atMost(WAIT).until(() -> status(first, "/health/readiness") == 200);
            assertThat(status(first, "/health/liveness")).isEqualTo(200);

            try (SlaMonitor second = start(kafka, run, stateDir.resolve("second"))) {
                await().atMost(WAIT).until(() -> !duringRebalance.isEmpty());
                assertThat(duringRebalance.get(0)).as("readiness, liveness while rebalancing").isEqualTo("503 200");
                await().atMost(WAIT).until(() -> status(first, "/health/readiness") == 200 && status(second, "/health/readiness") == 200);
            }
        }
    }

    private static SlaMonitor start(EmbeddedKafkaBroker kafka, String run, Path stateDir) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "meshwarden.bootstrap.servers", kafka.bootstrapServers(),
                "meshwarden.state.dir", stateDir.toString(),
                "meshwarden.topic.prefix", run + ".",
                "meshwarden.application.id.prefix", run,
                "meshwarden.topic.partitions", "2"));
        properties.put("micronaut.server.port", "-1");
        return SlaMonitor.start(properties);
    }

    private int status(SlaMonitor monitor, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(monitor.url() + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
