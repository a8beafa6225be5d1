package io.meshwarden.lineage;

import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.SnapshotBands;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.DeadLetterRouting;
import io.meshwarden.streams.DeadLetters;
import io.meshwarden.streams.Partitioning;
import io.meshwarden.streams.Sourced;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The lineage app's whole Kafka Streams topology. Tests build exactly this.
 * <pre>
 * products.catalog --> lineage-contracts-store (table) --every accepted version--> DatasetEvent per port --+
 * quality.anomaly-bands --> lineage-anomaly-bands-store (table, looked up)                                 |
 * quality.snapshots --decode (dead letters)--> join contract, bands --> RunEvent with quality facets ------+--> lineage.openlineage
 *                                                   +--no contract--> deadletter (unknown-product)
 * </pre>
 * The inputs are written by quality-streams' Java producer, keyed by product id, to topics created with the same
 * partition count ({@link Partitioning#AS_WRITTEN}), so a snapshot finds its product's contract and anomaly bands
 * in the task's own partitions of the two tables, without a repartition topic. A snapshot without bands of its
 * own, as quality-streams writes them, is reported with the product's latest bands; one of an earlier release
 * with its own ({@link SnapshotBands}).
 * The tables are not cached, so every accepted version is emitted, not only the last of a commit interval; a
 * tombstone emits nothing (on the bands topic, it leaves the next snapshots without bands). A contract's events
 * are dated by its catalog record's timestamp.
 *
 * <p>Reads {@link #INPUTS}; writes {@link #OUTPUTS} and the tables' changelogs.
 */
public final class LineageTopology {
    /** Suffix of the application id ({@code <meshwarden.application.id.prefix>-lineage}). */
    public static final String APPLICATION_SUFFIX = "lineage";
    public static final String CONTRACTS_STORE = "lineage-contracts-store";
    /** Latest anomaly bands per product id, which a snapshot without its own is reported with. */
    public static final String ANOMALY_BANDS_STORE = "lineage-anomaly-bands-store";
    public static final List<TopicSpec<?, ?>> INPUTS = List.of(Topics.CATALOG, Topics.SNAPSHOTS, Topics.ANOMALY_BANDS);
    public static final List<TopicSpec<?, ?>> OUTPUTS = List.of(Topics.LINEAGE, Topics.DEAD_LETTER);

    private LineageTopology() {
    }

    public static Topology build(TopicCatalog topics, LineageEvents events, Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        Topic<String, DataProductContract> catalog = topics.topic(Topics.CATALOG);
        Topic<String, AnomalyBands> anomalyBands = topics.topic(Topics.ANOMALY_BANDS);
        Topic<String, String> lineage = topics.topic(Topics.LINEAGE);
        Produced<String, String> toLineage = Produced.with(lineage.keySerde(), lineage.valueSerde());

        KTable<String, DataProductContract> contracts = builder.table(catalog.name(),
                Consumed.with(catalog.keySerde(), catalog.valueSerde()).withName("lineage-catalog-source"),
                Materialized.<String, DataProductContract, KeyValueStore<Bytes, byte[]>>as(CONTRACTS_STORE)
                        .withKeySerde(catalog.keySerde()).withValueSerde(catalog.valueSerde()).withCachingDisabled());
        contracts.toStream(Named.as("lineage-contract-versions"))
                .filter((id, contract) -> contract != null, Named.as("lineage-contracts-present"))
                .processValues(() -> new ContractEvents(events), Named.as("lineage-contract-datasets"))
                .flatMapValues(json -> json, Named.as("lineage-contract-dataset-events"))
                .to(lineage.name(), toLineage.withName("lineage-contract-sink"));

        // Only looked up, by the snapshots' processor, which so puts the table in the snapshots' task.
        builder.table(anomalyBands.name(),
                Consumed.with(anomalyBands.keySerde(), anomalyBands.valueSerde()).withName("lineage-anomaly-bands-source"),
                Materialized.<String, AnomalyBands, KeyValueStore<Bytes, byte[]>>as(ANOMALY_BANDS_STORE)
                        .withKeySerde(anomalyBands.keySerde()).withValueSerde(anomalyBands.valueSerde()).withCachingDisabled());

        var snapshots = DeadLetterRouting.decodedStreamWithOriginal(builder, topics, topics.topic(Topics.SNAPSHOTS),
                        QualitySnapshot.class, QualitySnapshot::getProductId, Partitioning.AS_WRITTEN, "lineage-snapshots")
                .processValues(ContractOf::new, Named.as("lineage-snapshot-contract"), CONTRACTS_STORE, ANOMALY_BANDS_STORE)
                .split(Named.as("lineage-snapshots-of"))
                .branch((id, measured) -> measured.contract() != null, Branched.as("-known"))
                .defaultBranch(Branched.as("-unknown"));
        snapshots.get("lineage-snapshots-of-known")
                .flatMapValues(measured -> events.snapshot(measured.snapshot().event(), measured.contract()),
                        Named.as("lineage-quality-runs"))
                .to(lineage.name(), toLineage.withName("lineage-quality-sink"));
        DeadLetterRouting.toDeadLetters(topics, snapshots.get("lineage-snapshots-of-unknown")
                .process(UnknownProduct::new, Named.as("lineage-unknown-product")), "lineage-unknown-product");
        return builder.build(streamsProperties);
    }

    /**
     * A snapshot, with its product's anomaly bands attached to the event (its original bytes as they arrived),
     * and the product's accepted contract, null when the catalog has none.
     */
    record Measured(Sourced<QualitySnapshot> snapshot, DataProductContract contract) {
    }

    /**
     * A snapshot with its product's contract and anomaly bands, looked up in the two tables' stores. Not a DSL
     * join: the decode step gives the stream a new key type, for which the DSL would re-key it through a
     * repartition topic, needless for topics that only quality-streams writes. The bands go into the decoded
     * event only ({@link SnapshotBands}); a dead letter still gets the bytes that arrived.
     */
    private static final class ContractOf extends ContextualFixedKeyProcessor<String, Sourced<QualitySnapshot>, Measured> {
        private TimestampedKeyValueStore<String, DataProductContract> contracts;
        private TimestampedKeyValueStore<String, AnomalyBands> bands;

        @Override
        public void init(FixedKeyProcessorContext<String, Measured> context) {
            super.init(context);
            contracts = context.getStateStore(CONTRACTS_STORE);
            bands = context.getStateStore(ANOMALY_BANDS_STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, Sourced<QualitySnapshot>> record) {
            Sourced<QualitySnapshot> arrived = record.value();
            QualitySnapshot snapshot = SnapshotBands.attach(arrived.event(), ValueAndTimestamp.getValueOrNull(bands.get(record.key())));
            Sourced<QualitySnapshot> measured = new Sourced<>(snapshot, arrived.originalKey(), arrived.originalValue());
            ValueAndTimestamp<DataProductContract> contract = contracts.get(record.key());
            context().forward(record.withValue(new Measured(measured, contract == null ? null : contract.value())));
        }
    }

    /** The JSON events of an accepted contract, dated by its catalog record. */
    private static final class ContractEvents extends ContextualFixedKeyProcessor<String, DataProductContract, List<String>> {
        private final LineageEvents events;

        ContractEvents(LineageEvents events) {
            this.events = events;
        }

        @Override
        public void process(FixedKeyRecord<String, DataProductContract> record) {
            context().forward(record.withValue(events.contract(record.value(), Instant.ofEpochMilli(record.timestamp()))));
        }
    }

    /** A snapshot of a product the catalog does not know has no dataset to name: a dead letter, as it arrived. */
    private static final class UnknownProduct extends ContextualProcessor<String, Measured, byte[], byte[]> {
        @Override
        public void process(Record<String, Measured> record) {
            Sourced<QualitySnapshot> snapshot = record.value().snapshot();
            context().forward(DeadLetters.record(context(), record, snapshot.originalKey(), snapshot.originalValue(),
                    DeadLetterReason.UNKNOWN_PRODUCT, "no accepted contract of product '" + record.key()
                            + "' in the catalog, so its quality snapshot names no dataset"));
        }
    }
}
