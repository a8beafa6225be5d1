package io.meshwarden.access;

import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.schemas.EventSerde;
import io.meshwarden.schemas.OutputFormat;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The state stores of the access topology. They hold Avro, whatever the deployment's output format.
 * The request store and the policy audit's two stores are changelogged ({@code <application.id>-access-requests-store-changelog}); the
 * catalog is a global store restored from the catalog topic itself.
 */
public final class AccessStores {
    /** {@link AccessRequest} per request id: the workflow's state. */
    public static final String REQUESTS = "access-requests-store";
    /** Last accepted contract per product id, on every instance (requests are keyed by request id, not product). */
    public static final String CATALOG = "access-catalog-store";

    /** Per policy set id, the latest record timestamp of an approval of it audited so far. */
    public static final String POLICY_AUDIT_APPROVALS = "policy-audit-approvals-store";
    /** Verdicts on approvals read before the approval itself, keyed by set id, timestamp and event id (PolicyAuditProcessor). */
    public static final String POLICY_AUDIT_PARKED = "policy-audit-parked-store";

    private AccessStores() {
    }

    static StoreBuilder<KeyValueStore<String, AccessRequest>> requests() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REQUESTS), Serdes.String(), avro(AccessRequest.class))
                .withLoggingEnabled(Map.of());
    }

    static StoreBuilder<KeyValueStore<String, Long>> policyAuditApprovals() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POLICY_AUDIT_APPROVALS), Serdes.String(), Serdes.Long())
                .withLoggingEnabled(Map.of());
    }

    static StoreBuilder<KeyValueStore<String, AccessAuditEvent>> policyAuditParked() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POLICY_AUDIT_PARKED), Serdes.String(),
                avro(AccessAuditEvent.class)).withLoggingEnabled(Map.of());
    }

    static <V extends SpecificRecord> Serde<V> avro(Class<V> type) {
        return new EventSerde<>(type, OutputFormat.AVRO);
    }
}
