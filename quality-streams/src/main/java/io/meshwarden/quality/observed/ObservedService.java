package io.meshwarden.quality.observed;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.StreamsApp;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The running observed app, embeddable (the local runner starts it in-process): the {@link ObservedTopology}
 * in a {@link StreamsApp} of its own ({@code <prefix>-observed}: own group, threads and state), so that whatever
 * befalls the observed topics (none matching yet, one deleted or re-created, a flood of undecodable records)
 * never stops governance or metric-based quality. Its consumer refreshes its metadata every
 * {@code meshwarden.quality.observed.refresh.ms}, so a topic created later is read within that and a rebalance.
 * With observed mode off ({@code meshwarden.quality.observed.topic.pattern} empty) it runs nothing.
 */
public final class ObservedService implements AutoCloseable {
    public static final String APPLICATION = "observed";

    private final Optional<StreamsApp> app;

    private ObservedService(Optional<StreamsApp> app) {
        this.app = app;
    }

    public static ObservedService start(MeshwardenConfig config) {
        ObservedOptions options = ObservedOptions.from(config);
        if (options.topics().isEmpty()) {
            return new ObservedService(Optional.empty());
        }
        MeshwardenConfig observed = config.with(MeshwardenConfig.KAFKA_NAMESPACE + StreamsConfig.MAIN_CONSUMER_PREFIX
                + ConsumerConfig.METADATA_MAX_AGE_CONFIG, Long.toString(options.refreshMs()));
        List<Topic<?, ?>> topics = List.of(config.topics().topic(Topics.OBSERVED_PORTS),
                config.topics().topic(Topics.OBSERVED_MEASUREMENTS), config.topics().topic(Topics.DEAD_LETTER));
        StreamsApp app = StreamsApp.create(observed, APPLICATION, topics,
                properties -> ObservedTopology.build(config.topics(), options, properties));
        return new ObservedService(Optional.of(app.start()));
    }

    /** Whether observed mode runs at all. */
    public boolean running() {
        return app.isPresent();
    }

    /** The app's state; {@code NOT_RUNNING} with observed mode off. */
    public KafkaStreams.State state() {
        return app.map(StreamsApp::state).orElse(KafkaStreams.State.NOT_RUNNING);
    }

    public void addStateListener(KafkaStreams.StateListener listener) {
        app.ifPresent(running -> running.addStateListener(listener));
    }

    @Override
    public void close() {
        app.ifPresent(StreamsApp::close);
    }
}
