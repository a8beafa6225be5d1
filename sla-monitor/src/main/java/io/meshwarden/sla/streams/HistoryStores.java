package io.meshwarden.sla.streams;

import io.meshwarden.avro.Decision;
import io.meshwarden.streams.state.StateCodec;
import io.meshwarden.streams.state.StateFields;
import io.meshwarden.streams.state.StateSerde;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The stores of a product's history, which the dashboard's product page draws: quality over the last
 * 24 hours and 30 days, accepted contract versions, and governance decisions (rejected proposals
 * among them). All RocksDB and changelogged like {@link SlaStores}; every key starts with the product
 * id and a NUL, so one product's history is one prefix scan of its own partition, and each store is
 * bounded per product (the constants here; docs/operations.md lists them).
 */
public final class HistoryStores {
    /** {@link QualityPoint}s: {@code <product> NUL f <time>} (24 hours) and {@code <product> NUL h <hour>} (30 days). */
    public static final String QUALITY = "quality-history-store";
    /** {@link ContractVersion}s: {@code <product> NUL <accepted at>}. */
    public static final String VERSIONS = "contract-versions-store";
    /** {@link Decision}s: {@code <product> NUL <decided at> NUL <change id>}. */
    public static final String DECISIONS = "decisions-store";
    public static final List<String> ALL = List.of(QUALITY, VERSIONS, DECISIONS);

    /** The 24-hour series: one point per five minutes (the latest snapshot of each), kept a day. */
    public static final Duration FINE_STEP = Duration.ofMinutes(5);
    public static final Duration FINE_SPAN = Duration.ofHours(24);
    /** The 30-day series: one rollup per hour, kept 30 days. */
    public static final Duration ROLLUP_STEP = Duration.ofHours(1);
    public static final Duration ROLLUP_SPAN = Duration.ofDays(30);
    /** The contract versions kept per product, newest; older ones leave. */
    public static final int MAX_VERSIONS = 20;
    /** The decisions kept per product, newest; older ones leave. */
    public static final int MAX_DECISIONS = 50;

    private static final int MAX_CONTRACT_BYTES = 64 << 20;
    static final char SEPARATOR = '\u0000';
    static final String FINE = "f";
    static final String ROLLUP = "h";

    private HistoryStores() {
    }

    /** The prefix of every key of one product. */
    public static String productPrefix(String productId) {
        return productId + SEPARATOR;
    }

    /** The prefix of one product's 24-hour points. */
    public static String finePrefix(String productId) {
        return productPrefix(productId) + FINE;
    }

    /** The prefix of one product's hourly rollups. */
    public static String rollupPrefix(String productId) {
        return productPrefix(productId) + ROLLUP;
    }

    /** A time in a key: 13 digits, zero-padded, so key order is time order (until the year 2286). */
    static String time(long millis) {
        return String.format(java.util.Locale.ROOT, "%013d", Math.max(0, millis));
    }

    /** One product's entries of a store (by its prefix), in key order. */
    static <V> List<KeyValue<String, V>> entries(KeyValueStore<String, V> store, String prefix) {
        List<KeyValue<String, V>> entries = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.prefixScan(prefix, new StringSerializer())) {
            all.forEachRemaining(entries::add);
        }
        return entries;
    }

    /** Deletes all but the newest {@code kept} entries of the prefix (keys in time order). */
    static <V> void keepNewest(KeyValueStore<String, V> store, String prefix, int kept) {
        List<KeyValue<String, V>> entries = entries(store, prefix);
        entries.subList(0, Math.max(0, entries.size() - kept)).forEach(entry -> store.delete(entry.key));
    }

    /** Deletes the prefix's entries whose time in the key is before {@code cutoff}. */
    static <V> void deleteBefore(KeyValueStore<String, V> store, String prefix, long cutoff) {
        if (cutoff <= 0) {
            return;
        }
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, V> old = store.range(prefix + time(0), prefix + time(cutoff - 1))) {
            old.forEachRemaining(entry -> expired.add(entry.key));
        }
        expired.forEach(store::delete);
    }

    static StoreBuilder<KeyValueStore<String, QualityPoint>> quality() {
        return store(QUALITY, StateSerde.of(QualityPoint.class, QUALITY_POINT));
    }

    static StoreBuilder<KeyValueStore<String, ContractVersion>> versions() {
        return store(VERSIONS, StateSerde.of(ContractVersion.class, CONTRACT_VERSION));
    }

    static StoreBuilder<KeyValueStore<String, Decision>> decisions() {
        return store(DECISIONS, SlaStores.avro(Decision.class));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withLoggingEnabled(Map.of());
    }

    /**
     * Absent doubles are NaN on the wire (a completeness, a target or a mean is never NaN). Version 2
     * adds the volume band after the volumes (a presence flag, then its fields); a version 1 value,
     * written before, reads with no band.
     */
    static final StateCodec<QualityPoint> QUALITY_POINT = new StateCodec<>() {
        @Override
        public int version() {
            return 2;
        }

        @Override
        public void write(DataOutput out, QualityPoint point) throws IOException {
            out.writeLong(point.at());
            out.writeInt(point.samples());
            writeDouble(out, point.completeness());
            writeDouble(out, point.completenessMin());
            writeDouble(out, point.target());
            StateFields.writeOptionalLong(out, point.freshnessAgeMs());
            StateFields.writeOptionalLong(out, point.freshnessDeadlineMs());
            out.writeDouble(point.received());
            out.writeDouble(point.expected());
            QualityPoint.Band band = point.volume();
            out.writeBoolean(band != null);
            if (band != null) {
                out.writeDouble(band.observed());
                out.writeDouble(band.expected());
                out.writeDouble(band.low());
                out.writeDouble(band.high());
                out.writeLong(band.periodEnd());
                out.writeUTF(band.state());
            }
        }

        @Override
        public QualityPoint read(DataInput in) throws IOException {
            return read(in, version());
        }

        @Override
        public QualityPoint read(DataInput in, int version) throws IOException {
            long at = in.readLong();
            int samples = in.readInt();
            Double completeness = readDouble(in);
            Double completenessMin = readDouble(in);
            Double target = readDouble(in);
            Long age = StateFields.readOptionalLong(in);
            Long deadline = StateFields.readOptionalLong(in);
            double received = in.readDouble();
            double expected = in.readDouble();
            QualityPoint.Band band = version >= 2 && in.readBoolean() ? new QualityPoint.Band(in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readDouble(), in.readLong(), in.readUTF()) : null;
            return new QualityPoint(at, samples, completeness, completenessMin, target, age, deadline, received, expected, band);
        }
    };

    static final StateCodec<ContractVersion> CONTRACT_VERSION = new StateCodec<>() {
        @Override
        public void write(DataOutput out, ContractVersion version) throws IOException {
            StateFields.writeOptionalString(out, version.version());
            out.writeLong(version.acceptedAt());
            // Not writeUTF: a contract's JSON may pass its 64 KB limit.
            byte[] json = version.contractJson().getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
        }

        @Override
        public ContractVersion read(DataInput in) throws IOException {
            String name = StateFields.readOptionalString(in);
            long acceptedAt = in.readLong();
            int length = in.readInt();
            if (length < 0 || length > MAX_CONTRACT_BYTES) {
                throw new IOException("implausible contract size " + length);
            }
            byte[] json = new byte[length];
            in.readFully(json);
            return new ContractVersion(name, acceptedAt, new String(json, StandardCharsets.UTF_8));
        }
    };

    private static void writeDouble(DataOutput out, Double value) throws IOException {
        out.writeDouble(value == null ? Double.NaN : value);
    }

    private static Double readDouble(DataInput in) throws IOException {
        double value = in.readDouble();
        return Double.isNaN(value) ? null : value;
    }
}
