package io.meshwarden.bench.quality;

import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * What the quality topology's shape costs with none of its logic: the metric topic re-keyed through a
 * repartition topic (as the quality topology does, so that any producer's partitioner is right), then
 * per event one read and one write of each of two change-logged, cached stores keyed as the quality
 * topology keys its own (the product's open step bucket, the product's freshness entry), with values of
 * the size its binary layouts have. No decoding, no output. The rate between this and a pass-through is
 * the design's, not the checks'.
 */
final class StructuralFloor {
    private static final String BUCKETS = "floor-buckets-store";
    private static final String FRESHNESS = "floor-freshness-store";

    private StructuralFloor() {
    }

    static Topology build(TopicCatalog topics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BUCKETS), Serdes.Bytes(),
                Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FRESHNESS), Serdes.Bytes(),
                Serdes.ByteArray()));
        builder.stream(topics.name(Topics.METRICS), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("floor-in"))
                .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("floor-rekey"))
                .process(TwoStores::new, Named.as("floor-two-stores"), BUCKETS, FRESHNESS);
        return builder.build();
    }

    private static final class TwoStores implements Processor<byte[], byte[], Void, Void> {
        private KeyValueStore<Bytes, byte[]> buckets;
        private KeyValueStore<Bytes, byte[]> freshness;
        private long seen;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            buckets = context.getStateStore(BUCKETS);
            freshness = context.getStateStore(FRESHNESS);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            Bytes product = Bytes.wrap(record.key());
            byte[] bucketKey = Arrays.copyOf(record.key(), record.key().length + Long.BYTES);
            Bytes bucket = Bytes.wrap(bucketKey);
            byte[] open = buckets.get(bucket);
            buckets.put(bucket, open == null ? new byte[96] : bump(open));
            byte[] fresh = freshness.get(product);
            freshness.put(product, fresh == null ? new byte[40] : bump(fresh));
        }

        private byte[] bump(byte[] value) {
            byte[] next = value.clone();
            next[0] = (byte) ++seen;
            return next;
        }
    }
}
