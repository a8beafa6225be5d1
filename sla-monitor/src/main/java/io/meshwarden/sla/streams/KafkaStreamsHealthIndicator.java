package io.meshwarden.sla.streams;

import io.meshwarden.streams.Readiness;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Readiness of the service's Kafka Streams application, as {@code kafkaStreams} in {@code /health}
 * and {@code /health/readiness}: UP only while it is RUNNING with no store restoring, so that its
 * stores answer for every partition it owns; DOWN while it starts, rebalances or restores, when an
 * orchestrator should send traffic to another instance. Details: state, restoring partitions,
 * application id. Whether to restart the process is {@link KafkaStreamsLivenessIndicator}'s answer.
 */
@Singleton
public class KafkaStreamsHealthIndicator implements HealthIndicator {
    static final String NAME = "kafkaStreams";

    private final SlaStreams streams;

    public KafkaStreamsHealthIndicator(SlaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Readiness readiness = streams.readiness();
        return result(NAME, readiness.ready(), Map.of("state", readiness.state().name(),
                "restoringPartitions", readiness.restoringPartitions(), "applicationId", streams.applicationId()));
    }

    /** One indicator's answer: UP or DOWN, with details. */
    static Publisher<HealthResult> result(String name, boolean up, Map<String, Object> details) {
        return Publishers.just(HealthResult.builder(name, up ? HealthStatus.UP : HealthStatus.DOWN).details(details).build());
    }
}
