package io.meshwarden.quality.observed;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.schemas.EventSerde;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.DeadLetterRouting;
import io.meshwarden.streams.Decoded;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Observed mode, the topology of its own application ({@link ObservedService}): reads every topic matching the
 * configured pattern (from the configured start where its group has no offset yet, {@link ObservedStart}), measures each record against the contract of the product owning the topic, and writes
 * the measurements to {@link Topics#OBSERVED_MEASUREMENTS}, keyed by product id, where the product's quality
 * task reads them like metric events. Which product owns which topic comes from {@link Topics#OBSERVED_PORTS},
 * which the rolling quality processor writes from the catalog and this reads as a global table
 * ({@value #PORTS_STORE}): an output topic's records are keyed by whatever the product chose, so any task may
 * need any product's contract.
 *
 * <p>The measurements go through a topic of the mesh's catalog, created with the catalog's partition count,
 * rather than through a repartition topic of the quality app: Kafka Streams would size that from the observed
 * topics, so that with no topic matching the quality app could not be assigned at all, and with product
 * topics of another partition count than the catalog a measurement reached a task that does not hold its
 * product.
 */
public final class ObservedTopology {
    public static final String PORTS_STORE = "observed-ports-store";

    private ObservedTopology() {
    }

    /** The observed app's topology, built with its Streams properties as production runs it. */
    public static Topology build(TopicCatalog topics, ObservedOptions options, Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        add(builder, topics, options);
        return builder.build(streamsProperties);
    }

    /** Adds observed mode to {@code builder}: in production alone, in topology tests next to the quality topology. */
    public static void add(StreamsBuilder builder, TopicCatalog topics, ObservedOptions options) {
        Pattern outputTopics = options.topics().orElseThrow(() -> new IllegalArgumentException("observed mode is off"));
        Topic<String, DataProductContract> ports = topics.topic(Topics.OBSERVED_PORTS);
        builder.globalTable(ports.name(), Consumed.with(ports.keySerde(), ports.valueSerde()).withName("observed-ports-source"),
                Materialized.<String, DataProductContract, KeyValueStore<Bytes, byte[]>>as(PORTS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(new EventSerde<>(DataProductContract.class, OutputFormat.AVRO)));

        KStream<byte[], byte[]> records = builder.stream(outputTopics,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("observed-source")
                        .withOffsetResetPolicy(options.start().policy()));
        Topic<String, MetricEvent> measurements = topics.topic(Topics.OBSERVED_MEASUREMENTS);
        DeadLetterRouting.routed(topics, records, () -> new ObservedRecordProcessor(PORTS_STORE, options), "observed")
                .mapValues(value -> ((Decoded.Ok<MetricEvent>) value).value(), Named.as("observed-measurement"))
                .to(measurements.name(), Produced.with(measurements.keySerde(), measurements.valueSerde())
                        .withName("observed-measurements-sink"));
    }
}
