package io.meshwarden.streams;

import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.DeadLetterReason;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns the record a processor is rejecting into the record it forwards towards the dead-letter
 * topic: the reason and message, the source topic, partition and offset (the record's
 * {@link Ingress} when it was re-keyed on its way here, else the processor context's record
 * metadata) and the failure time (the context's wall clock) as
 * {@link DeadLetter} headers added to the record's own. The record keeps its timestamp. Every
 * processor that rejects input builds its dead letter here, so the headers mean the same
 * whichever processor wrote them.
 */
public final class DeadLetters {
    private DeadLetters() {
    }

    /** The dead letter of the record {@code context} is processing now, which carries {@code headers}. */
    public static DeadLetter of(ProcessorContext<?, ?> context, Headers headers, DeadLetterReason reason, String message) {
        Ingress source = Ingress.stampedOn(headers).orElseGet(() -> Ingress.of(context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("a record from a source topic always has metadata")), false));
        return new DeadLetter(reason, message, source.topic(), source.partition(), source.offset(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }

    /** {@code rejected}, as {@code key} and {@code value}, with the dead-letter headers added to its own. */
    public static <K, V> Record<K, V> record(ProcessorContext<?, ?> context, Record<?, ?> rejected, K key, V value,
                                             DeadLetterReason reason, String message) {
        DeadLetter deadLetter = of(context, rejected.headers(), reason, message);
        // The source headers now say where it came from; the ingress stamp would only repeat it.
        return new Record<>(key, value, rejected.timestamp(), deadLetter.appendTo(Ingress.withoutStamp(rejected.headers())));
    }

    /**
     * {@code headers} stamped with where the record now being processed entered the mesh (unless a
     * stamp is on them already), for a processor that keeps the record in a store and may reject it
     * later, from a punctuator, when the context has no record metadata: {@link #record} then still
     * names the record's source.
     */
    public static Headers withSource(ProcessorContext<?, ?> context, Headers headers) {
        if (Ingress.stampedOn(headers).isPresent()) {
            return new RecordHeaders(headers);
        }
        return Ingress.of(context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("a record from a source topic always has metadata")), false).stampOn(headers);
    }

    /** {@code rejected} as a {@link Decoded.Failed} of its original bytes, for {@link DeadLetterRouting} to send on. */
    public static <T> Record<String, Decoded<T>> failed(ProcessorContext<?, ?> context, Record<byte[], byte[]> rejected,
                                                        String key, DeadLetterReason reason, String message) {
        return record(context, rejected, key, new Decoded.Failed<>(rejected.key(), rejected.value()), reason, message);
    }
}
