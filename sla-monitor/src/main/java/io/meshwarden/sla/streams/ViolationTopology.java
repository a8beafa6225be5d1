package io.meshwarden.sla.streams;

import io.meshwarden.avro.Violation;
import io.meshwarden.schemas.EventSerde;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Materializes the violation topic into the queryable {@link #STORE} store and sends what cannot be
 * read to the dead-letter topic.
 *
 * <p>Reads: the violation topic, as raw bytes so that undecodable records keep their original bytes.
 * Writes: {@link #STORE} (RocksDB, changelogged to {@code <application.id>-violations-store-changelog})
 * and the dead-letter topic.
 */
public final class ViolationTopology {
    /** The store of the latest state of every violation, keyed by {@link ViolationKey}. */
    public static final String STORE = "violations-store";
    static final String SOURCE = "violations-source";
    static final String MATERIALIZER = "violations-materializer";
    static final String DEAD_LETTER_SINK = "violations-dead-letter-sink";

    private ViolationTopology() {
    }

    public static void build(StreamsBuilder builder, TopicCatalog topics) {
        Topic<byte[], byte[]> deadLetter = topics.topic(Topics.DEAD_LETTER);
        builder.stream(topics.name(Topics.VIOLATIONS), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE))
                .process(ViolationMaterializer.supplier(store()), Named.as(MATERIALIZER))
                .to(deadLetter.name(), Produced.with(deadLetter.keySerde(), deadLetter.valueSerde()).withName(DEAD_LETTER_SINK));
    }

    /** Stored values are always Avro, whatever the deployment's output format: compact and evolvable. */
    private static StoreBuilder<KeyValueStore<String, Violation>> store() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                        new EventSerde<>(Violation.class, OutputFormat.AVRO))
                .withLoggingEnabled(Map.of());
    }
}
