package io.meshwarden.quality.rolling;

import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Violation;
import io.meshwarden.quality.accuracy.AccuracyWatch;
import io.meshwarden.quality.accuracy.KeptPeriodsCodec;
import io.meshwarden.quality.accuracy.PeriodTotalsCodec;
import io.meshwarden.quality.anomaly.WatchedCodec;
import io.meshwarden.quality.completeness.Counts;
import io.meshwarden.quality.completeness.WindowState;
import io.meshwarden.quality.freshness.FreshnessState;
import io.meshwarden.streams.DeadLetterRouting;
import io.meshwarden.streams.InputRule;
import io.meshwarden.streams.Partitioning;
import io.meshwarden.streams.state.StateSerde;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.EventSerde;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The rolling quality topology. Reads the catalog (accepted contracts, written by the governance
 * topology) and metric events, both keyed by product id, and the measurements observed mode makes of
 * the products' own output topics in its own application ({@code ObservedTopology}). Writes a {@link QualitySnapshot} per
 * product per closed window step, the product's {@link AnomalyBands} when a judgement changes them, completeness,
 * freshness, quality-rule, anomaly and accuracy violations, and dead letters (undecodable input, unknown products, late metrics).
 * All state is in changelogged RocksDB stores: contracts, step buckets, rolling windows, freshness,
 * each product's own stream time, the distinct values of the open steps (duplicateValues rules) and
 * the metrics waiting for their product's contract. Metric events are held to {@link MetricChecks}
 * when they are decoded.
 */
public final class RollingQualityTopology {
    public static final String CONTRACTS_STORE = "quality-contracts-store";
    public static final String BUCKETS_STORE = "quality-buckets-store";
    public static final String WINDOWS_STORE = "quality-windows-store";
    public static final String FRESHNESS_STORE = "quality-freshness-store";
    public static final String CLOCK_STORE = "quality-clock-store";
    public static final String DUPLICATES_STORE = "quality-duplicates-store";
    /** Metrics that arrived before their product's contract, waiting for it ({@link PendingMetrics}). */
    public static final String PENDING_STORE = "quality-pending-metrics-store";
    public static final String ANOMALY_STORE = "quality-anomaly-store";
    /** Per product and period, the source's control totals and what was loaded ({@link AccuracyWatch}). */
    public static final String ACCURACY_STORE = "quality-accuracy-store";
    /** Per product, the index of its periods in {@link #ACCURACY_STORE}. */
    public static final String ACCURACY_INDEX_STORE = "quality-accuracy-index-store";

    private RollingQualityTopology() {
    }

    public static void build(StreamsBuilder builder, TopicCatalog topics, QualityOptions options) {
        // Contracts are large and rarely written, and ContractBook keeps their guarantees in memory: in the
        // shared record cache they would only evict the small, hot entries of the other stores.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CONTRACTS_STORE), Serdes.String(),
                new EventSerde<>(DataProductContract.class, OutputFormat.AVRO)).withCachingDisabled());
        store(builder, BUCKETS_STORE, StateCodecs.counts());
        store(builder, WINDOWS_STORE, StateCodecs.windows());
        store(builder, FRESHNESS_STORE, StateCodecs.freshness());
        store(builder, CLOCK_STORE, Serdes.Long());
        store(builder, DUPLICATES_STORE, Serdes.Long());
        store(builder, PENDING_STORE, pendingSerde());
        store(builder, ANOMALY_STORE, WatchedCodec.SERDE);
        store(builder, ACCURACY_STORE, PeriodTotalsCodec.SERDE);
        store(builder, ACCURACY_INDEX_STORE, KeptPeriodsCodec.SERDE);

        KStream<String, QualityInput> contracts = DeadLetterRouting.decodedStream(builder, topics, topics.topic(Topics.CATALOG),
                        DataProductContract.class, DataProductContract::getId, Partitioning.AS_WRITTEN, "quality-catalog")
                .mapValues(contract -> (QualityInput) new QualityInput.Contract(contract), Named.as("quality-catalog-input"));
        KStream<String, QualityInput> inputs = DeadLetterRouting.decodedStreamWithOriginal(builder, topics,
                        topics.topic(Topics.METRICS), MetricEvent.class,
                        InputRule.keyedByProductId(MetricEvent::getProductId, new MetricChecks(options)), Partitioning.BY_KEY, "metrics")
                .mapValues(metric -> (QualityInput) new QualityInput.Metric(metric.event(), metric.originalKey(),
                        metric.originalValue()), Named.as("metrics-input"))
                .merge(contracts, Named.as("quality-inputs"));
        // Observed mode's measurements, written by its own app (ObservedTopology) partitioned like the catalog.
        KStream<String, QualityInput> observed = DeadLetterRouting.decodedStream(builder, topics,
                        topics.topic(Topics.OBSERVED_MEASUREMENTS), MetricEvent.class, MetricEvent::getProductId,
                        Partitioning.AS_WRITTEN, "observed-measurements")
                .mapValues(metric -> (QualityInput) new QualityInput.Metric(metric, null, null), Named.as("observed-input"));
        inputs = inputs.merge(observed, Named.as("observed-inputs"));

        KStream<String, QualityOutput> outputs = inputs.process(() -> new RollingQualityProcessor(options, topics.eventFormat().registry()),
                Named.as("rolling-quality"), CONTRACTS_STORE, BUCKETS_STORE, WINDOWS_STORE, FRESHNESS_STORE, CLOCK_STORE, DUPLICATES_STORE,
                PENDING_STORE, ANOMALY_STORE, ACCURACY_STORE,
                ACCURACY_INDEX_STORE);

        Topic<String, QualitySnapshot> snapshots = topics.topic(Topics.SNAPSHOTS);
        Topic<String, AnomalyBands> bands = topics.topic(Topics.ANOMALY_BANDS);
        Topic<String, Violation> violations = topics.topic(Topics.VIOLATIONS);
        Topic<String, DataProductContract> ports = topics.topic(Topics.OBSERVED_PORTS);
        EventCodec<MetricEvent> metricCodec = EventCodec.of(MetricEvent.class);
        outputs.split(Named.as("quality-route"))
                .branch((key, value) -> value instanceof QualityOutput.Snapshot, Branched.withConsumer(stream -> stream
                        .mapValues(value -> ((QualityOutput.Snapshot) value).snapshot(), Named.as("quality-snapshot"))
                        .to(snapshots.name(), Produced.with(snapshots.keySerde(), snapshots.valueSerde()).withName("snapshots-sink")),
                        "-snapshot"))
                .branch((key, value) -> value instanceof QualityOutput.Bands, Branched.withConsumer(stream -> stream
                        .mapValues(value -> ((QualityOutput.Bands) value).bands(), Named.as("quality-anomaly-bands"))
                        .to(bands.name(), Produced.with(bands.keySerde(), bands.valueSerde()).withName("anomaly-bands-sink")),
                        "-bands"))
                .branch((key, value) -> value instanceof QualityOutput.Breach, Branched.withConsumer(stream -> stream
                        .mapValues(value -> ((QualityOutput.Breach) value).violation(), Named.as("quality-violation"))
                        .to(violations.name(), Produced.with(violations.keySerde(), violations.valueSerde())
                                .withName("quality-violations-sink")), "-violation"))
                .branch((key, value) -> value instanceof QualityOutput.Port, Branched.withConsumer(stream -> stream
                        .mapValues(value -> ((QualityOutput.Port) value).contract(), Named.as("observed-port"))
                        .to(ports.name(), Produced.with(ports.keySerde(), ports.valueSerde()).withName("observed-ports-sink")),
                        "-port"))
                .defaultBranch(Branched.withConsumer(stream -> DeadLetterRouting.toDeadLetters(topics, stream
                        // What arrived, as it arrived; observed-mode metrics were made here and are encoded.
                        .map((key, value) -> deadLetter(key, ((QualityOutput.Rejected) value).input(), metricCodec, topics),
                                Named.as("rejected-metric")), "quality"), "-rejected"));
    }

    private static KeyValue<byte[], byte[]> deadLetter(String key, QualityInput.Metric input, EventCodec<MetricEvent> codec,
                                                       TopicCatalog topics) {
        if (input.originalValue() != null) {
            return KeyValue.pair(input.originalKey(), input.originalValue());
        }
        return KeyValue.pair(key.getBytes(StandardCharsets.UTF_8), codec.encode(input.metric(), topics.eventFormat().unframed()));
    }

    /** The serde of {@link #PENDING_STORE} values, for tests that read the store. */
    public static Serde<?> pendingSerde() {
        return StateSerde.of(PendingMetric.class, PendingMetric.CODEC);
    }

    private static <V> void store(StreamsBuilder builder, String name, Serde<V> valueSerde) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
                .withCachingEnabled());
    }
}
