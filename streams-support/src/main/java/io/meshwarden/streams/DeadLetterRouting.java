package io.meshwarden.streams;

import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * Consumes an event topic as raw bytes and splits it: decodable events with the right key go on
 * as typed values; everything else goes to the dead-letter topic with its original bytes and
 * the reason in headers. Bad input never stops the topology and is never dropped silently. A raw
 * stream that needs a decoder of its own (not one event type of the catalog) is routed the same
 * way by {@link #routed(TopicCatalog, KStream, ProcessorSupplier, String)}.
 */
public final class DeadLetterRouting {
    private DeadLetterRouting() {
    }

    /**
     * Events keyed by the product id they name.
     *
     * @param productId    the product id an event names, which its key must equal
     * @param partitioning whether producers outside Meshwarden write {@code source}; see {@link #raw}
     * @param name         prefix of every processor this adds, e.g. {@code contract-changes}
     */
    public static <T extends SpecificRecord> KStream<String, T> decodedStream(
            StreamsBuilder builder, TopicCatalog topics, Topic<String, T> source, Class<T> type,
            Function<T, String> productId, Partitioning partitioning, String name) {
        return decodedStream(builder, topics, source, type, InputRule.keyedByProductId(productId), partitioning, name);
    }

    /**
     * Events that must satisfy {@code rule}.
     *
     * @param name prefix of every processor this adds, e.g. {@code alert-commands}
     */
    public static <T extends SpecificRecord> KStream<String, T> decodedStream(
            StreamsBuilder builder, TopicCatalog topics, Topic<String, T> source, Class<T> type, InputRule<T> rule,
            Partitioning partitioning, String name) {
        return routed(builder, topics, source, type, rule, partitioning, name)
                .mapValues(value -> ((Decoded.Ok<T>) value).value(), Named.as(name + "-value"));
    }

    /**
     * Events of every topic matching {@code sources} (read through one pattern source, so topics created
     * later join when the consumer's metadata next refreshes), decoded as {@code source}'s type; each keeps
     * the {@link Ingress} header naming the topic it arrived on.
     */
    public static <T extends SpecificRecord> KStream<String, T> decodedStream(
            StreamsBuilder builder, TopicCatalog topics, Pattern sources, Class<T> type, Function<T, String> productId,
            Partitioning partitioning, String name) {
        return decodedStream(builder, topics, sources, type, InputRule.keyedByProductId(productId), partitioning, name);
    }

    /** Events of every topic matching {@code sources} that must satisfy {@code rule}. */
    public static <T extends SpecificRecord> KStream<String, T> decodedStream(
            StreamsBuilder builder, TopicCatalog topics, Pattern sources, Class<T> type, InputRule<T> rule,
            Partitioning partitioning, String name) {
        KStream<byte[], byte[]> raw = stamped(builder.stream(sources,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-source")), partitioning, name);
        return routed(topics, raw, () -> new DecodeProcessor<>(EventCodec.of(type), rule, topics.eventFormat().registry()), name)
                .mapValues(value -> ((Decoded.Ok<T>) value).value(), Named.as(name + "-value"));
    }

    /** Events keyed by the product id they name, each with the bytes it arrived as. */
    public static <T extends SpecificRecord> KStream<String, Sourced<T>> decodedStreamWithOriginal(
            StreamsBuilder builder, TopicCatalog topics, Topic<String, T> source, Class<T> type,
            Function<T, String> productId, Partitioning partitioning, String name) {
        return decodedStreamWithOriginal(builder, topics, source, type, InputRule.keyedByProductId(productId),
                partitioning, name);
    }

    /** Events that must satisfy {@code rule}, each with the bytes it arrived as. */
    public static <T extends SpecificRecord> KStream<String, Sourced<T>> decodedStreamWithOriginal(
            StreamsBuilder builder, TopicCatalog topics, Topic<String, T> source, Class<T> type, InputRule<T> rule,
            Partitioning partitioning, String name) {
        return routed(builder, topics, source, type, rule, partitioning, name)
                .mapValues(value -> {
                    Decoded.Ok<T> ok = (Decoded.Ok<T>) value;
                    return new Sourced<>(ok.value(), ok.key(), ok.bytes());
                }, Named.as(name + "-value"));
    }

    /** Decodes with the codec of {@code type} and {@code rule}; see {@link #routed(TopicCatalog, KStream, ProcessorSupplier, String)}. */
    private static <T extends SpecificRecord> KStream<String, Decoded<T>> routed(
            StreamsBuilder builder, TopicCatalog topics, Topic<String, T> source, Class<T> type, InputRule<T> rule,
            Partitioning partitioning, String name) {
        return routed(topics, raw(builder, source, partitioning, name),
                () -> new DecodeProcessor<>(EventCodec.of(type), rule, topics.eventFormat().registry()), name);
    }

    /**
     * The records of {@code source} as bytes, through the source {@code <name>-source}. With
     * {@link Partitioning#BY_KEY} they are first stamped with their {@link Ingress}
     * ({@code <name>-ingress}) and re-keyed, still undecoded, through the repartition topic
     * {@code <name>-by-key}, so that every record of a key reaches the task that owns the key
     * whichever partition its producer chose. Undecoded, because decoding once after the hop is
     * cheaper than carrying decoded events and their original bytes through it.
     */
    public static KStream<byte[], byte[]> raw(StreamsBuilder builder, Topic<?, ?> source, Partitioning partitioning,
                                              String name) {
        return stamped(builder.stream(source.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-source")), partitioning, name);
    }

    private static KStream<byte[], byte[]> stamped(KStream<byte[], byte[]> raw, Partitioning partitioning, String name) {
        if (partitioning == Partitioning.AS_WRITTEN) {
            return raw;
        }
        return raw.process(IngressStamp::new, Named.as(name + "-ingress"))
                .repartition(Repartitioned.<byte[], byte[]>as(name + "-by-key")
                        .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.ByteArray()));
    }

    /**
     * Runs raw records through {@code decoder}, sends every {@link Decoded.Failed} to the dead-letter
     * topic as its original bytes (its dead-letter headers built with {@link DeadLetters}), and
     * returns the rest, every value a {@link Decoded.Ok}. For inputs that are not one event type
     * of the catalog, such as the products' own output topics.
     *
     * @param name prefix of every processor this adds: {@code <name>-decode}, {@code <name>-route}
     *             (branches {@code <name>-route-failed} and {@code <name>-route-decoded}),
     *             {@code <name>-original-bytes} and {@code <name>-dead-letter-sink}
     */
    public static <T> KStream<String, Decoded<T>> routed(TopicCatalog topics, KStream<byte[], byte[]> raw,
                                                        ProcessorSupplier<byte[], byte[], String, Decoded<T>> decoder,
                                                        String name) {
        var branches = raw.process(decoder, Named.as(name + "-decode"))
                .split(Named.as(name + "-route"))
                .branch((key, value) -> value instanceof Decoded.Failed<T>, Branched.as("-failed"))
                .defaultBranch(Branched.as("-decoded"));
        toDeadLetters(topics, branches.get(name + "-route-failed")
                .map((key, value) -> {
                    Decoded.Failed<T> failed = (Decoded.Failed<T>) value;
                    return KeyValue.pair(failed.key(), failed.value());
                }, Named.as(name + "-original-bytes")), name);
        return branches.get(name + "-route-decoded");
    }

    /**
     * Writes records, whose dead-letter headers are already on them, to the dead-letter topic as
     * the bytes they hold, through the sink {@code <name>-dead-letter-sink}.
     */
    public static void toDeadLetters(TopicCatalog topics, KStream<byte[], byte[]> rejected, String name) {
        Topic<byte[], byte[]> deadLetters = topics.topic(Topics.DEAD_LETTER);
        rejected.to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde())
                .withName(name + "-dead-letter-sink"));
    }
}
