package io.meshwarden.sla.streams;

import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicProvisioner;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
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
        this.streams = new KafkaStreams(SlaTopology.build(config.topics(), properties), properties);
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
                Stream.of(applicationId() + "-" + ViolationTopology.STORE + "-changelog")).toList();
    }

    /**
     * The violation store of this instance's partitions.
     *
     * @throws StoreUnavailableException while the application is not RUNNING (starting, rebalancing,
     *                                   restoring, stopped)
     */
    public ReadOnlyKeyValueStore<String, Violation> violationStore() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailableException(ViolationTopology.STORE, state);
        }
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(ViolationTopology.STORE,
                    QueryableStoreTypes.<String, Violation>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException(ViolationTopology.STORE, streams.state(), e);
        }
    }

    @PreDestroy
    void close() {
        LOG.info("Closing Kafka Streams {} (timeout {})", applicationId(), CLOSE_TIMEOUT);
        if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT))) {
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
