package io.meshwarden.sla.streams;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.Violation;
import io.meshwarden.schemas.EventSerde;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.SnapshotBands;
import io.meshwarden.sla.alerts.AlertTrack;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Every state store of the SLA topology, by name, and the builders of those the processors own.
 * All are RocksDB and changelogged ({@code <application.id>-<store>-changelog}), so a restart or a
 * new instance restores them from Kafka. Violations and the tables of input topics are stored as
 * Avro, whatever the deployment's output format; alerts and the service's own records in the binary
 * state format ({@link AlertStateSerde}, which still reads the Avro that earlier versions wrote, and
 * {@link SlaStateCodecs}, which still reads the JSON that version 0.1.0 wrote).
 */
public final class SlaStores {
    /** Latest state of every violation, keyed by {@link ViolationKey}. */
    public static final String VIOLATIONS = "violations-store";
    /** Current state of every alert, keyed by alert id. */
    public static final String ALERTS = "alerts-store";
    /** {@link AlertTrack} per alert id. */
    public static final String ALERT_TRACKS = "alert-tracks-store";
    /** {@link AvailabilityState} per product id. */
    public static final String AVAILABILITY = "availability-store";
    /** {@link TimelinessState} per product id: the rolling time to detect and time to notify. */
    public static final String TIMELINESS = "timeliness-store";
    /** Last accepted contract per product id (the compacted catalog topic as a table). */
    public static final String CATALOG = "catalog-store";
    /** Latest quality snapshot per product id (with no anomaly bands since quality-streams writes them apart). */
    public static final String SNAPSHOTS = "snapshots-store";
    /**
     * Latest anomaly bands per product id (the compacted anomaly-bands topic as a table), which a snapshot
     * without bands of its own is read with ({@link SnapshotBands}); in the task of the snapshots store.
     */
    public static final String ANOMALY_BANDS = "anomaly-bands-store";
    public static final List<String> ALL = List.of(VIOLATIONS, ALERTS, ALERT_TRACKS, AVAILABILITY, TIMELINESS, CATALOG,
            SNAPSHOTS, ANOMALY_BANDS);

    private SlaStores() {
    }

    static StoreBuilder<KeyValueStore<String, Violation>> violations() {
        return store(VIOLATIONS, avro(Violation.class));
    }

    static StoreBuilder<KeyValueStore<String, Alert>> alerts() {
        return store(ALERTS, new AlertStateSerde());
    }

    static StoreBuilder<KeyValueStore<String, AlertTrack>> alertTracks() {
        return store(ALERT_TRACKS, SlaStateCodecs.alertTracks());
    }

    static StoreBuilder<KeyValueStore<String, AvailabilityState>> availability() {
        return store(AVAILABILITY, SlaStateCodecs.availability());
    }

    static StoreBuilder<KeyValueStore<String, TimelinessState>> timeliness() {
        return store(TIMELINESS, SlaStateCodecs.timeliness());
    }

    static <V extends SpecificRecord> Serde<V> avro(Class<V> type) {
        return new EventSerde<>(type, OutputFormat.AVRO);
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withLoggingEnabled(Map.of());
    }
}
