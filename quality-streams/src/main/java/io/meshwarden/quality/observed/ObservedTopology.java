package io.meshwarden.quality.observed;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.streams.DeadLetterRouting;
import io.meshwarden.streams.Decoded;
import io.meshwarden.schemas.EventSerde;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Observed mode: reads every topic matching the configured pattern, measures each record against
 * the contract of the product owning the topic, and returns the measurements re-partitioned by
 * product id so they meet the product's state. Which product owns which topic comes from
 * {@link Topics#OBSERVED_PORTS}, which the rolling quality processor writes from the catalog and
 * this reads as a global table ({@value #PORTS_STORE}): an output topic's records are keyed by
 * whatever the product chose, so any task may need any product's contract.
 */
public final class ObservedTopology {
    public static final String PORTS_STORE = "observed-ports-store";

    private ObservedTopology() {
    }

    public static KStream<String, MetricEvent> build(StreamsBuilder builder, TopicCatalog topics, Pattern outputTopics) {
        Topic<String, DataProductContract> ports = topics.topic(Topics.OBSERVED_PORTS);
        builder.globalTable(ports.name(), Consumed.with(ports.keySerde(), ports.valueSerde()).withName("observed-ports-source"),
                Materialized.<String, DataProductContract, KeyValueStore<Bytes, byte[]>>as(PORTS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(new EventSerde<>(DataProductContract.class, OutputFormat.AVRO)));

        KStream<byte[], byte[]> records = builder.stream(outputTopics,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("observed-source"));
        return DeadLetterRouting.routed(topics, records, () -> new ObservedRecordProcessor(PORTS_STORE), "observed")
                .mapValues(value -> ((Decoded.Ok<MetricEvent>) value).value(), Named.as("observed-measurement"))
                .repartition(Repartitioned.<String, MetricEvent>as("observed-by-product")
                        .withKeySerde(Serdes.String()).withValueSerde(new EventSerde<>(MetricEvent.class, OutputFormat.AVRO)));
    }
}
