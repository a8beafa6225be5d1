package io.meshwarden.sla.streams;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/**
 * Adds {@code kafkaStreams} to {@code /health}: UP while the application is RUNNING or REBALANCING
 * (a rebalance is routine and short), DOWN otherwise, with the state and application id in details.
 * A stream thread that keeps failing ends in ERROR ({@link io.meshwarden.streams.ThreadFailurePolicy}),
 * so it shows here as DOWN and the platform restarts the service.
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
        KafkaStreams.State state = streams.state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        return Publishers.just(HealthResult.builder(NAME, up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("state", state.name(), "applicationId", streams.applicationId()))
                .build());
    }
}
