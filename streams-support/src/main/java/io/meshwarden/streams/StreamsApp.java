package io.meshwarden.streams;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.Replication;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicProvisioner;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a Meshwarden Kafka Streams application starts, runs and stops; the application
 * supplies only its topology, as a function of its Streams properties.
 * <ul>
 * <li>{@link #create} decides the {@link Replication} for this cluster (unless
 * {@code meshwarden.topic.replication.factor} names one), creates the topics it is given if they are
 * missing with it and {@code meshwarden.topic.partitions}, then builds the topology with the
 * application's own Streams properties ({@link MeshwardenConfig#streamsProperties}: internal topics
 * replicated likewise, and this instance's stable member id, {@link InstanceId}), so that Streams
 * applies and checks them while building, as the tests do.</li>
 * <li>Every state transition is logged and passed to the listeners added with {@link #addStateListener}
 * (add them before {@link #start} to see every one).</li>
 * <li>An uncaught stream-thread exception is handled by one policy for every application,
 * {@link ThreadFailurePolicy}: the thread is replaced up to 3 times in 10 minutes (by default), after
 * which the client shuts down; the state is then ERROR, health reports DOWN and the orchestrator
 * restarts the process. Bad records never reach it: they go to the dead-letter topic.</li>
 * <li>{@link #readiness} says whether the application is alive and whether it is ready (RUNNING,
 * nothing restoring), for liveness and readiness probes.</li>
 * <li>{@link #keyValueStore} gives a read-only view of a store, or a {@link StoreUnavailableException}
 * while the application is not RUNNING.</li>
 * <li>Under exactly-once, {@link AbandonedTransactions} aborts what crashed instances of the
 * application left open, so that the instance taking over their tasks is not held up by them.</li>
 * <li>{@link #close} waits up to 30 seconds and leaves the consumer group, so that the remaining
 * instances take over its tasks at once rather than after its session timeout.</li>
 * </ul>
 * Reads the brokers' topic list; writes the topics it creates, then whatever the topology writes.
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Properties properties;
    private final KafkaStreams streams;
    private final List<KafkaStreams.StateListener> listeners = new CopyOnWriteArrayList<>();
    private final RestoreTracker restores = new RestoreTracker();
    private final Properties adminProperties;
    private Admin admin;
    private AbandonedTransactions abandoned;

    /**
     * @param adminProperties for the check for {@link AbandonedTransactions} under exactly-once;
     *                        null: no check (tests without a broker)
     */
    StreamsApp(Properties properties, Topology topology, ThreadFailurePolicy threadFailures, Properties adminProperties) {
        this.properties = properties;
        this.adminProperties = adminProperties;
        this.streams = new KafkaStreams(topology, properties);
        streams.setStateListener(this::changed);
        streams.setGlobalStateRestoreListener(restores);
        streams.setUncaughtExceptionHandler(exception -> {
            StreamThreadExceptionResponse response = threadFailures.handle(exception);
            LOG.error("Kafka Streams {}: a stream thread failed; {} ({})", applicationId(),
                    response == StreamThreadExceptionResponse.REPLACE_THREAD ? "replacing it" : "shutting the client down",
                    threadFailures, exception);
            return response;
        });
    }

    /** {@link #create(MeshwardenConfig, String, Collection, Function, ThreadFailurePolicy)} with the default policy. */
    public static StreamsApp create(MeshwardenConfig config, String application, Collection<Topic<?, ?>> topics,
                                    Function<Properties, Topology> topology) {
        return create(config, application, topics, topology, new ThreadFailurePolicy());
    }

    /**
     * Creates the missing ones of {@code topics} and builds the application, not started yet.
     *
     * @param application suffix of the application id: {@code <meshwarden.application.id.prefix>-<application>}
     * @param topology    builds the topology from the application's Streams properties
     */
    public static StreamsApp create(MeshwardenConfig config, String application, Collection<Topic<?, ?>> topics,
                                    Function<Properties, Topology> topology, ThreadFailurePolicy threadFailures) {
        Properties properties;
        try (Admin admin = Admin.create(config.adminProperties())) {
            Replication replication = Replication.decide(config.getInt(Settings.TOPIC_REPLICATION_FACTOR), admin);
            Properties plain = config.streamsProperties(application);
            String applicationId = plain.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
            properties = config.streamsProperties(application, replication,
                    InstanceId.of(config, applicationId, plain.getProperty(StreamsConfig.STATE_DIR_CONFIG)));
            Set<String> created = new TopicProvisioner(admin, config.getInt(Settings.TOPIC_PARTITIONS), replication).ensure(topics);
            if (!created.isEmpty()) {
                LOG.info("Kafka Streams {}: created topics {} ({} replicas, {} in sync)", applicationId, created,
                        replication.factor(), replication.minInSync());
            }
        }
        return new StreamsApp(properties, topology.apply(properties), threadFailures, config.adminProperties());
    }

    /** Starts processing; returns at once (the state goes on to REBALANCING and RUNNING). */
    public StreamsApp start() {
        streams.start();
        if (adminProperties != null
                && StreamsConfig.EXACTLY_ONCE_V2.equals(properties.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))) {
            Duration session = Duration.ofMillis(Long.parseLong(properties.getProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                    "45000")));
            admin = Admin.create(adminProperties);
            abandoned = new AbandonedTransactions(admin, applicationId(), session);
            abandoned.start(AbandonedTransactions.INTERVAL);
        }
        LOG.info("Kafka Streams {} started against {} as member {} (guarantee {}, {} standby replicas, state in {})",
                applicationId(), properties.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG), instanceId(),
                properties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG), properties.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG),
                stateDir());
        return this;
    }

    /** Adds a listener of state transitions; called on the Streams thread that changes the state. */
    public void addStateListener(KafkaStreams.StateListener listener) {
        listeners.add(listener);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Whether the application is alive and whether it is ready to answer; see {@link Readiness}. */
    public Readiness readiness() {
        return new Readiness(streams.state(), restores.restoringPartitions());
    }

    public String applicationId() {
        return properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    /** This instance's stable member id ({@code group.instance.id}), or null for a dynamic member. */
    public String instanceId() {
        return properties.getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    public String stateDir() {
        return properties.getProperty(StreamsConfig.STATE_DIR_CONFIG);
    }

    /**
     * A read-only view of a key-value store (a global one included) over this instance's partitions.
     *
     * @throws StoreUnavailableException while the application is not RUNNING (created, rebalancing,
     *                                   restoring, stopped), or if the store is not queryable now
     */
    public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailableException(name, state);
        }
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException(name, streams.state(), e);
        }
    }

    /**
     * The client itself, for a metrics binder (Micrometer's {@code KafkaStreamsMetrics}) and interactive
     * queries across instances (metadata, one partition's store, lags), nothing else: starting and closing
     * it belong to this class.
     */
    public KafkaStreams client() {
        return streams;
    }

    /** Stops processing within 30 seconds, leaving the group; logs a warning if that took longer. */
    @Override
    public void close() {
        close(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    }

    /**
     * For failover tests only: stops without leaving the group, so that the group sees what it sees
     * of a process killed with {@code kill -9}, a member that stays until its session times out (or
     * until it comes back with its instance id). Unlike a killed process it still commits.
     */
    public void closeAsIfCrashed() {
        close(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP);
    }

    private void close(CloseOptions.GroupMembershipOperation membership) {
        LOG.info("Closing Kafka Streams {} (timeout {}, {})", applicationId(), CLOSE_TIMEOUT, membership);
        if (abandoned != null) {
            abandoned.close();
        }
        if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(membership))) {
            LOG.warn("Kafka Streams {} did not close within {}", applicationId(), CLOSE_TIMEOUT);
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    private void changed(KafkaStreams.State now, KafkaStreams.State before) {
        LOG.info("Kafka Streams {} went from {} to {}", applicationId(), before, now);
        for (KafkaStreams.StateListener listener : listeners) {
            try {
                listener.onChange(now, before);
            } catch (RuntimeException e) {
                // One listener's bug must not keep the others from hearing of the change.
                LOG.warn("Kafka Streams {}: a state listener failed on {} -> {}", applicationId(), before, now, e);
            }
        }
    }
}
