package io.meshwarden.quality;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicProvisioner;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.quality.governance.GovernanceTopology;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running quality-streams application: creates the mesh topics it needs, then runs the
 * {@link QualityTopology} until closed. Embeddable (the local runner starts it in-process).
 */
public final class QualityStreams implements AutoCloseable {
    public static final String APPLICATION = "quality";
    private static final Logger LOG = LoggerFactory.getLogger(QualityStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;

    private QualityStreams(KafkaStreams streams) {
        this.streams = streams;
    }

    public static QualityStreams start(MeshwardenConfig config) {
        TopicCatalog topics = config.topics();
        try (Admin admin = Admin.create(config.adminProperties())) {
            new TopicProvisioner(admin, config.getInt(Settings.TOPIC_PARTITIONS),
                    (short) config.getInt(Settings.TOPIC_REPLICATION_FACTOR)).ensure(topics.all());
        }
        Properties properties = config.streamsProperties(APPLICATION);
        KafkaStreams streams = new KafkaStreams(QualityTopology.build(topics, QualityOptions.from(config), properties), properties);
        streams.setUncaughtExceptionHandler(e -> {
            // Bad records are routed before they can throw; what reaches here is a bug or an
            // infrastructure failure, and a fresh thread resumes from the last committed offsets.
            LOG.error("quality-streams thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        LOG.info("quality-streams {} started against {} (guarantee {})", properties.get("application.id"),
                config.bootstrapServers(), properties.get("processing.guarantee"));
        return new QualityStreams(streams);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * The policy sets this instance evaluates with now, as {@code id@version}: what its global store
     * holds, which can trail the in-force topic by the global thread's lag. Empty while the store is
     * not queryable yet (starting, rebalancing).
     */
    public Set<String> policySetsInForce() {
        try {
            ReadOnlyKeyValueStore<String, PolicySet> store = streams.store(StoreQueryParameters.fromNameAndType(
                    GovernanceTopology.POLICIES_IN_FORCE_STORE, QueryableStoreTypes.keyValueStore()));
            Set<String> inForce = new TreeSet<>();
            try (KeyValueIterator<String, PolicySet> all = store.all()) {
                all.forEachRemaining(entry -> inForce.add(entry.value.getId() + "@" + entry.value.getVersion()));
            }
            return inForce;
        } catch (InvalidStateStoreException e) {
            return Set.of();
        }
    }

    @Override
    public void close() {
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    }
}
