package io.meshwarden.streams;

import io.meshwarden.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where a record entered the mesh: the topic, partition and offset it was produced to, carried as
 * headers on the raw record before it is re-keyed through a repartition topic
 * ({@link Partitioning#BY_KEY}). A dead letter written after that hop still names the record a
 * user can find and replay, not its copy on an internal topic.
 *
 * <p>A repartition topic drops records without a key, so a keyless record crosses it under an
 * empty stand-in key with {@code keyless} set, and is keyless again when it is decoded (and
 * dead-lettered as {@code missing-key}): never dropped on the way.
 */
public record Ingress(String topic, int partition, long offset, boolean keyless) {
    public static final String TOPIC_HEADER = "meshwarden.ingress.topic";
    public static final String PARTITION_HEADER = "meshwarden.ingress.partition";
    public static final String OFFSET_HEADER = "meshwarden.ingress.offset";
    public static final String KEYLESS_HEADER = "meshwarden.ingress.keyless";
    private static final byte[] STAND_IN_KEY = new byte[0];

    /** Where the record now being processed came from; it had no key when {@code keyless}. */
    static Ingress of(RecordMetadata metadata, boolean keyless) {
        return new Ingress(metadata.topic(), metadata.partition(), metadata.offset(), keyless);
    }

    /** The key a record crosses a repartition topic with: its own, or a stand-in for none. */
    static byte[] crossingKey(byte[] key) {
        return key == null ? STAND_IN_KEY : key;
    }

    /** The key the record had when it entered the mesh: null again for a keyless one. */
    static byte[] originalKey(byte[] key, Headers headers) {
        return headers != null && headers.lastHeader(KEYLESS_HEADER) != null ? null : key;
    }

    /** The ingress stamped on these headers, if any. */
    static Optional<Ingress> stampedOn(Headers headers) {
        if (headers == null) {
            return Optional.empty();
        }
        String topic = DeadLetter.header(headers, TOPIC_HEADER);
        String partition = DeadLetter.header(headers, PARTITION_HEADER);
        String offset = DeadLetter.header(headers, OFFSET_HEADER);
        if (topic == null || partition == null || offset == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Ingress(topic, Integer.parseInt(partition), Long.parseLong(offset),
                    headers.lastHeader(KEYLESS_HEADER) != null));
        } catch (NumberFormatException e) {
            // Headers a producer set itself under our names; the record's own metadata is then the truth.
            return Optional.empty();
        }
    }

    /** A copy of {@code headers} with this ingress stamped on, replacing any earlier stamp. */
    Headers stampOn(Headers headers) {
        Headers stamped = withoutStamp(headers);
        stamped.add(TOPIC_HEADER, topic.getBytes(StandardCharsets.UTF_8));
        stamped.add(PARTITION_HEADER, Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
        stamped.add(OFFSET_HEADER, Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        if (keyless) {
            stamped.add(KEYLESS_HEADER, new byte[0]);
        }
        return stamped;
    }

    /** A copy of {@code headers} without an ingress stamp. */
    static Headers withoutStamp(Headers headers) {
        RecordHeaders copy = new RecordHeaders(headers == null ? new RecordHeaders() : headers);
        copy.remove(TOPIC_HEADER);
        copy.remove(PARTITION_HEADER);
        copy.remove(OFFSET_HEADER);
        copy.remove(KEYLESS_HEADER);
        return copy;
    }
}
