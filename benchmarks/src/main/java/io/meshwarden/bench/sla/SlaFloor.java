package io.meshwarden.bench.sla;

import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * What the SLA topology's shape costs with none of its logic: the same inputs in one sub-topology (violations,
 * the catalog and snapshot tables, alert commands through a repartition topic), and per violation the store
 * work the production topology does at least (a read and a write of the violation's latest state, a read of
 * the product's availability and of its catalog entry, a read of its alert), with an alert written and sent
 * for one violation in five (the flood's opening and resolving records: two of each ten). No decoding.
 */
final class SlaFloor {
    private static final String VIOLATIONS = "floor-violations-store";
    private static final String AVAILABILITY = "floor-availability-store";
    private static final String ALERTS = "floor-alerts-store";
    private static final String CATALOG = "floor-catalog-store";
    private static final String SNAPSHOTS = "floor-snapshots-store";

    private SlaFloor() {
    }

    static Topology build(TopicCatalog topics, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(topics.name(Topics.CATALOG), Consumed.with(Serdes.Bytes(), Serdes.ByteArray()).withName("floor-catalog"),
                Materialized.<Bytes, byte[], KeyValueStore<Bytes, byte[]>>as(CATALOG).withCachingDisabled());
        builder.table(topics.name(Topics.SNAPSHOTS), Consumed.with(Serdes.Bytes(), Serdes.ByteArray()).withName("floor-snapshots"),
                Materialized.<Bytes, byte[], KeyValueStore<Bytes, byte[]>>as(SNAPSHOTS).withCachingDisabled());
        for (String store : new String[] {VIOLATIONS, AVAILABILITY, ALERTS}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.Bytes(),
                    Serdes.ByteArray()));
        }
        KStream<byte[], byte[]> commands = builder.stream(topics.name(Topics.ALERT_COMMANDS),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("floor-commands"))
                .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("floor-commands-by-product"));
        builder.stream(topics.name(Topics.VIOLATIONS), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("floor-violations"))
                .merge(commands, Named.as("floor-inputs"))
                .process(StoreWork::new, Named.as("floor-store-work"), VIOLATIONS, AVAILABILITY, ALERTS, CATALOG, SNAPSHOTS)
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("floor-alerts"));
        return builder.build();
    }

    private static final class StoreWork implements Processor<byte[], byte[], byte[], byte[]> {
        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<Bytes, byte[]> violations;
        private KeyValueStore<Bytes, byte[]> availability;
        private KeyValueStore<Bytes, byte[]> alerts;
        private KeyValueStore<Bytes, ?> catalog;
        private final java.util.Map<Bytes, Integer> seen = new java.util.HashMap<>();

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            violations = context.getStateStore(VIOLATIONS);
            availability = context.getStateStore(AVAILABILITY);
            alerts = context.getStateStore(ALERTS);
            catalog = context.getStateStore(CATALOG);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            Bytes product = Bytes.wrap(record.key());
            // The violation's own key: product and a digest of the record, as violation ids are.
            byte[] violationKey = java.util.Arrays.copyOf(record.key(), record.key().length + Integer.BYTES);
            int digest = java.util.Arrays.hashCode(record.value()) & 0x7;
            violationKey[record.key().length] = (byte) digest;
            Bytes violation = Bytes.wrap(violationKey);
            violations.get(violation);
            violations.put(violation, record.value());
            availability.get(product);
            catalog.get(product);
            alerts.get(product);
            int seen = this.seen.merge(product, 1, Integer::sum);
            if (seen % 5 == 1) { // the production topology writes an alert only when it opens or resolves
                byte[] next = new byte[96];
                alerts.put(product, next);
                context.forward(record.withValue(next));
            }
        }
    }
}
