package io.meshwarden.quality.registry;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import io.meshwarden.streams.OptionalStreamsApp;
import io.meshwarden.streams.StreamsApp;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The running registry drift app ({@code <prefix>-registry-drift}), embeddable: {@link RegistryDriftTopology} in a
 * {@link StreamsApp} of its own, so that a slow or absent registry never holds up governance or quality. Runs only
 * when a schema registry is configured ({@code meshwarden.schema.registry.url}).
 */
public final class RegistryDriftService implements AutoCloseable {
    public static final String APPLICATION = "registry-drift";

    private final OptionalStreamsApp app;

    private RegistryDriftService(OptionalStreamsApp app) {
        this.app = app;
    }

    public static RegistryDriftService start(MeshwardenConfig config) {
        Optional<SchemaRegistryClient> registry = SchemaRegistryClient.from(config);
        if (registry.isEmpty()) {
            return new RegistryDriftService(OptionalStreamsApp.off());
        }
        long checkMs = config.getLong(Settings.SCHEMA_REGISTRY_DRIFT_CHECK_MS);
        if (checkMs <= 0) {
            throw new IllegalArgumentException(Settings.SCHEMA_REGISTRY_DRIFT_CHECK_MS.key() + " must be positive; was " + checkMs);
        }
        List<Topic<?, ?>> topics = List.of(config.topics().topic(Topics.CATALOG), config.topics().topic(Topics.VIOLATIONS),
                config.topics().topic(Topics.DEAD_LETTER));
        StreamsApp app = StreamsApp.create(config, APPLICATION, topics,
                properties -> RegistryDriftTopology.build(config.topics(), registry.get(), checkMs, properties));
        return new RegistryDriftService(OptionalStreamsApp.started(app));
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
