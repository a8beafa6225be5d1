package io.meshwarden.sla.streams;

import io.meshwarden.streams.Readiness;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Liveness of the service's Kafka Streams application, as {@code kafkaStreamsAlive} in
 * {@code /health/liveness}: UP while it starts, rebalances or runs; DOWN once it gave up (a stream
 * thread kept failing past {@link io.meshwarden.streams.ThreadFailurePolicy}) or stopped, when only a
 * restart of the process helps.
 */
@Singleton
@Liveness
public class KafkaStreamsLivenessIndicator implements HealthIndicator {
    static final String NAME = "kafkaStreamsAlive";

    private final SlaStreams streams;

    public KafkaStreamsLivenessIndicator(SlaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Readiness readiness = streams.readiness();
        return KafkaStreamsHealthIndicator.result(NAME, readiness.alive(), Map.of("state", readiness.state().name()));
    }
}
