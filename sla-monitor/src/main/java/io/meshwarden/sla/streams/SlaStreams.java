package io.meshwarden.sla.streams;

import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.sla.alerts.SlaPolicy;
import io.meshwarden.sla.cluster.AdvertisedAddress;
import io.meshwarden.streams.Readiness;
import io.meshwarden.streams.StoreUnavailableException;
import io.meshwarden.streams.StreamsApp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The SLA monitor's Kafka Streams application: the {@link SlaTopology} in a {@link StreamsApp}, which
 * first creates the topics the topology reads and writes if they are missing. Closed with the
 * Micronaut context. Gives the rest of the service its state and read-only views of its stores.
 *
 * <p>It starts once the HTTP server has bound ({@link ServerStartupEvent}, before any other listener),
 * because Kafka Streams must be told at creation where other instances reach this one
 * ({@code application.server}, see {@link AdvertisedAddress}), and with {@code micronaut.server.port=-1}
 * the port is known only then. Choosing a free port before binding instead would race with any other
 * process taking it. Until then the state is CREATED: the readiness probe is DOWN and every store read
 * a 503. The setting itself is checked when the context starts, before anything binds.
 */
@Context
public class SlaStreams implements ApplicationEventListener<ServerStartupEvent>, Ordered {
    private final MeshwardenConfig config;
    private final AdvertisedAddress address;
    private final String applicationId;
    private final String stateDir;
    private final List<KafkaStreams.StateListener> listeners = new CopyOnWriteArrayList<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private volatile StreamsApp app;
    private volatile HostInfo self;
    private volatile TopologyDescription topology;

    public SlaStreams(MeshwardenConfig config) {
        this.config = config;
        this.address = AdvertisedAddress.of(config);
        Properties properties = config.streamsProperties(SlaTopology.APPLICATION_SUFFIX);
        this.applicationId = properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        this.stateDir = properties.getProperty(StreamsConfig.STATE_DIR_CONFIG);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start(event.getSource().getPort());
    }

    /** Before every other listener of the event, so that the start-up report sees Kafka Streams started. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Creates and starts the application, advertising this instance at the port the HTTP server bound. */
    synchronized void start(int boundPort) {
        if (app != null) {
            return;
        }
        HostInfo host = address.resolve(boundPort);
        MeshwardenConfig advertised = config.with(AdvertisedAddress.KAFKA_KEY, host.host() + ":" + host.port());
        TopicCatalog topics = advertised.topics();
        List<Topic<?, ?>> needed = Stream.concat(SlaTopology.INPUTS.stream(), SlaTopology.OUTPUTS.stream())
                .<Topic<?, ?>>map(topics::topic).toList();
        SlaPolicy policy = SlaPolicy.from(advertised);
        StreamsApp created = StreamsApp.create(advertised, SlaTopology.APPLICATION_SUFFIX, needed, properties -> {
            Topology built = SlaTopology.build(topics, policy, properties);
            this.topology = built.describe();
            return built;
        });
        created.addStateListener((now, before) -> listeners.forEach(listener -> listener.onChange(now, before)));
        registries.forEach(registry -> new KafkaStreamsMetrics(created.client()).bindTo(registry));
        this.self = host;
        this.app = created.start();
    }

    public KafkaStreams.State state() {
        StreamsApp started = app;
        return started == null ? KafkaStreams.State.CREATED : started.state();
    }

    /** Adds a listener of the application's state transitions, called on the Streams thread that changes it. */
    public void addStateListener(KafkaStreams.StateListener listener) {
        listeners.add(listener);
    }

    /** Alive and ready, as the health endpoints report them. */
    public Readiness readiness() {
        StreamsApp started = app;
        return started == null ? new Readiness(KafkaStreams.State.CREATED, 0) : started.readiness();
    }

    public String applicationId() {
        return applicationId;
    }

    public String stateDir() {
        return stateDir;
    }

    /** Where other instances reach this one ({@code application.server}); null until started. */
    public HostInfo self() {
        return self;
    }

    /** The topics this application reads, by full name. */
    public List<String> inputTopics() {
        return names(SlaTopology.INPUTS.stream().map(config.topics()::topic));
    }

    /** The topics this application writes, by full name: outputs, then store changelogs. */
    public List<String> outputTopics() {
        return Stream.concat(names(SlaTopology.OUTPUTS.stream().map(config.topics()::topic)).stream(),
                Stream.concat(SlaStores.ALL.stream(), HistoryStores.ALL.stream()).map(store -> applicationId() + "-" + store + "-changelog")).toList();
    }

    /** The violation store of this instance's partitions; see {@link #store}. */
    public ReadOnlyKeyValueStore<String, Violation> violationStore() {
        return store(SlaStores.VIOLATIONS);
    }

    /**
     * A read-only view of one of the {@link SlaStores} over this instance's active partitions.
     *
     * @throws StoreUnavailableException while the application is not RUNNING (starting, rebalancing,
     *                                   restoring, stopped)
     */
    public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return started(name).keyValueStore(name);
    }

    /**
     * The Kafka Streams client, for interactive queries across instances: which instance hosts which
     * partition, one partition's store, standby copies and their lags.
     *
     * @throws StoreUnavailableException before the application started
     */
    public KafkaStreams client(String store) {
        return started(store).client();
    }

    /** The topology as built, to tell which source topics feed a store's tasks; null until started. */
    public TopologyDescription topology() {
        return topology;
    }

    /** Binds the Kafka Streams client metrics (consumer, producer, stream threads, stores) to a registry. */
    public synchronized void bindMetrics(MeterRegistry registry) {
        registries.add(registry);
        if (app != null) {
            new KafkaStreamsMetrics(app.client()).bindTo(registry);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (app != null) {
            app.close();
        }
    }

    private StreamsApp started(String store) {
        StreamsApp started = app;
        if (started == null) {
            throw new StoreUnavailableException(store, KafkaStreams.State.CREATED);
        }
        return started;
    }

    private static List<String> names(Stream<? extends Topic<?, ?>> topics) {
        return topics.map(Topic::name).toList();
    }
}
