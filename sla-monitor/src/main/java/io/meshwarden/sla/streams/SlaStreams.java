package io.meshwarden.sla.streams;

import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicProvisioner;
import io.meshwarden.sla.alerts.SlaPolicy;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLA monitor's Kafka Streams application, started with the Micronaut context and closed with
 * it. Before starting it creates the topics it reads and writes if they are missing. Gives the
 * rest of the service its state and read-only views of its stores.
 */
@Context
public class SlaStreams {
    private static final Logger LOG = LoggerFactory.getLogger(SlaStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final MeshwardenConfig config;
    private final Properties properties;
    private final KafkaStreams streams;

    public SlaStreams(MeshwardenConfig config) {
        this.config = config;
        this.properties = config.streamsProperties(SlaTopology.APPLICATION_SUFFIX);
        provisionTopics();
        this.streams = new KafkaStreams(SlaTopology.build(config.topics(), SlaPolicy.from(config), properties), properties);
        streams.setStateListener((now, before) -> LOG.info("Kafka Streams {} went from {} to {}", applicationId(), before, now));
        // Processing errors are handled record by record; what reaches here is fatal (a broken store,
        // a fenced producer that cannot recover). Stopping makes health DOWN so the platform restarts us.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Kafka Streams {} failed; stopping it", applicationId(), e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public String applicationId() {
        return properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    public String stateDir() {
        return properties.getProperty(StreamsConfig.STATE_DIR_CONFIG);
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
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailableException(name, state);
        }
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException(name, streams.state(), e);
        }
    }

    /** Binds the Kafka Streams client metrics (consumer, producer, stream threads, stores) to a registry. */
    public void bindMetrics(MeterRegistry registry) {
        new KafkaStreamsMetrics(streams).bindTo(registry);
    }

    @PreDestroy
    void close() {
        LOG.info("Closing Kafka Streams {} (timeout {})", applicationId(), CLOSE_TIMEOUT);
        // Leave the group: a restarted instance then gets its partitions at once rather than after the
        // session timeout of the member that left (45 s by default).
        if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
            LOG.warn("Kafka Streams {} did not close within {}", applicationId(), CLOSE_TIMEOUT);
        }
    }

    private void provisionTopics() {
        TopicCatalog topics = config.topics();
        List<Topic<?, ?>> needed = Stream.concat(SlaTopology.INPUTS.stream(), SlaTopology.OUTPUTS.stream())
                .<Topic<?, ?>>map(topics::topic).toList();
        try (Admin admin = Admin.create(config.adminProperties())) {
            Set<String> created = new TopicProvisioner(admin, config.getInt(Settings.TOPIC_PARTITIONS),
                    (short) config.getInt(Settings.TOPIC_REPLICATION_FACTOR)).ensure(needed);
            if (!created.isEmpty()) {
                LOG.info("Created topics {}", created);
            }
        }
    }

    private static List<String> names(Stream<? extends Topic<?, ?>> topics) {
        return topics.map(Topic::name).toList();
    }
}
