package io.meshwarden.sla.streams;

import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.sla.alerts.SlaPolicy;
import io.meshwarden.streams.Readiness;
import io.meshwarden.streams.StoreUnavailableException;
import io.meshwarden.streams.StreamsApp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The SLA monitor's Kafka Streams application, started with the Micronaut context and closed with
 * it: the {@link SlaTopology} in a {@link StreamsApp}, which first creates the topics the topology
 * reads and writes if they are missing. Gives the rest of the service its state and read-only
 * views of its stores.
 */
@Context
public class SlaStreams {
    private final MeshwardenConfig config;
    private final StreamsApp app;

    public SlaStreams(MeshwardenConfig config) {
        this.config = config;
        TopicCatalog topics = config.topics();
        List<Topic<?, ?>> needed = Stream.concat(SlaTopology.INPUTS.stream(), SlaTopology.OUTPUTS.stream())
                .<Topic<?, ?>>map(topics::topic).toList();
        SlaPolicy policy = SlaPolicy.from(config);
        this.app = StreamsApp.create(config, SlaTopology.APPLICATION_SUFFIX, needed,
                properties -> SlaTopology.build(topics, policy, properties)).start();
    }

    public KafkaStreams.State state() {
        return app.state();
    }

    /** Adds a listener of the application's state transitions, called on the Streams thread that changes it. */
    public void addStateListener(KafkaStreams.StateListener listener) {
        app.addStateListener(listener);
    }

    /** Alive and ready, as the health endpoints report them. */
    public Readiness readiness() {
        return app.readiness();
    }

    public String applicationId() {
        return app.applicationId();
    }

    public String stateDir() {
        return app.stateDir();
    }

    /** The topics this application reads, by full name. */
    public List<String> inputTopics() {
        return names(SlaTopology.INPUTS.stream().map(config.topics()::topic));
    }

    /** The topics this application writes, by full name: outputs, then store changelogs. */
    public List<String> outputTopics() {
        return Stream.concat(names(SlaTopology.OUTPUTS.stream().map(config.topics()::topic)).stream(),
                SlaStores.ALL.stream().map(store -> applicationId() + "-" + store + "-changelog")).toList();
    }

    /** The violation store of this instance's partitions; see {@link #store}. */
    public ReadOnlyKeyValueStore<String, Violation> violationStore() {
        return store(SlaStores.VIOLATIONS);
    }

    /**
     * A read-only view of one of the {@link SlaStores} over this instance's partitions.
     *
     * @throws StoreUnavailableException while the application is not RUNNING (starting, rebalancing,
     *                                   restoring, stopped)
     */
    public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return app.keyValueStore(name);
    }

    /** Binds the Kafka Streams client metrics (consumer, producer, stream threads, stores) to a registry. */
    public void bindMetrics(MeterRegistry registry) {
        new KafkaStreamsMetrics(app.client()).bindTo(registry);
    }

    @PreDestroy
    void close() {
        app.close();
    }

    private static List<String> names(Stream<? extends Topic<?, ?>> topics) {
        return topics.map(Topic::name).toList();
    }
}
