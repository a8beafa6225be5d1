package io.meshwarden.quality;

import io.meshwarden.avro.PolicySet;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.quality.governance.GovernanceOptions;
import io.meshwarden.quality.governance.GovernanceTopology;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.streams.StoreUnavailableException;
import io.meshwarden.streams.StreamsApp;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The running quality-streams application: the {@link QualityTopology} in a {@link StreamsApp},
 * which first creates every topic of the mesh's catalog that is missing. Embeddable (the local
 * runner starts it in-process).
 */
public final class QualityStreams implements AutoCloseable {
    public static final String APPLICATION = "quality";

    private final StreamsApp app;

    private QualityStreams(StreamsApp app) {
        this.app = app;
    }

    public static QualityStreams start(MeshwardenConfig config) {
        QualityOptions quality = QualityOptions.from(config);
        StreamsApp app = StreamsApp.create(config, APPLICATION, config.topics().all(),
                properties -> QualityTopology.build(config.topics(), quality, GovernanceOptions.from(config), properties));
        return new QualityStreams(app.start());
    }

    public KafkaStreams.State state() {
        return app.state();
    }

    /** Adds a listener of state transitions, e.g. to stop the process when the application goes to ERROR. */
    public void addStateListener(KafkaStreams.StateListener listener) {
        app.addStateListener(listener);
    }

    /**
     * The policy sets this instance evaluates with now, as {@code id@version}: what its global store
     * holds, which can trail the in-force topic by the global thread's lag. Empty while the store is
     * not queryable yet (starting, rebalancing).
     */
    public Set<String> policySetsInForce() {
        try {
            ReadOnlyKeyValueStore<String, PolicySet> store = app.keyValueStore(GovernanceTopology.POLICIES_IN_FORCE_STORE);
            Set<String> inForce = new TreeSet<>();
            try (KeyValueIterator<String, PolicySet> all = store.all()) {
                all.forEachRemaining(entry -> inForce.add(entry.value.getId() + "@" + entry.value.getVersion()));
            }
            return inForce;
        } catch (StoreUnavailableException | InvalidStateStoreException e) {
            return Set.of();
        }
    }

    /**
     * The version of {@code productId} this instance resolves relationships against (docs/interoperability.md):
     * what its global catalog replica holds, which can trail the catalog by the global thread's lag. Empty when
     * it holds none, or while the store is not queryable yet.
     */
    public java.util.Optional<String> catalogReplicaVersion(String productId) {
        try {
            ReadOnlyKeyValueStore<String, io.meshwarden.avro.DataProductContract> store =
                    app.keyValueStore(GovernanceTopology.CATALOG_REPLICA_STORE);
            return java.util.Optional.ofNullable(store.get(productId)).map(io.meshwarden.avro.DataProductContract::getVersion);
        } catch (StoreUnavailableException | InvalidStateStoreException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() {
        app.close();
    }

    /** For failover tests only: stops without leaving the group, as a killed process would; see {@link StreamsApp#closeAsIfCrashed}. */
    public void closeAsIfCrashed() {
        app.closeAsIfCrashed();
    }
}
