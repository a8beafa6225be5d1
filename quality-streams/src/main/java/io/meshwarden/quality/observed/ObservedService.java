package io.meshwarden.quality.observed;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.OptionalStreamsApp;
import io.meshwarden.streams.StreamsApp;
import java.util.List;
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

    private final OptionalStreamsApp app;

    private ObservedService(OptionalStreamsApp app) {
        this.app = app;
    }

    public static ObservedService start(MeshwardenConfig config) {
        ObservedOptions options = ObservedOptions.from(config);
        if (options.topics().isEmpty()) {
            return new ObservedService(OptionalStreamsApp.off());
        }
        MeshwardenConfig observed = config.with(MeshwardenConfig.KAFKA_NAMESPACE + StreamsConfig.MAIN_CONSUMER_PREFIX
                + ConsumerConfig.METADATA_MAX_AGE_CONFIG, Long.toString(options.refreshMs()));
        List<Topic<?, ?>> topics = List.of(config.topics().topic(Topics.OBSERVED_PORTS),
                config.topics().topic(Topics.OBSERVED_MEASUREMENTS), config.topics().topic(Topics.DEAD_LETTER));
        StreamsApp app = StreamsApp.create(observed, APPLICATION, topics,
                properties -> ObservedTopology.build(config.topics(), options, properties));
        return new ObservedService(OptionalStreamsApp.started(app));
    }

    /** Whether it runs at all. */
    public boolean running() {
        return app.running();
    }

    /** Its state; {@code NOT_RUNNING} when it does not run. */
    public KafkaStreams.State state() {
        return app.state();
    }

    public void addStateListener(KafkaStreams.StateListener listener) {
        app.addStateListener(listener);
    }

    @Override
    public void close() {
        app.close();
    }
}
