package io.meshwarden.quality.streams;

import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.EventDecodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads raw records of one event type: decodes the value (Avro single-object or JSON) and checks
 * that the key is the product id the event names. Forwards {@link Decoded.Ok} on success and
 * {@link Decoded.Failed}, with the original bytes and dead-letter headers, on any failure.
 */
final class DecodeProcessor<T extends SpecificRecord> implements Processor<byte[], byte[], String, Decoded<T>> {
    private final EventCodec<T> codec;
    private final Function<T, String> expectedKey;
    private ProcessorContext<String, Decoded<T>> context;

    DecodeProcessor(EventCodec<T> codec, Function<T, String> expectedKey) {
        this.codec = codec;
        this.expectedKey = expectedKey;
    }

    @Override
    public void init(ProcessorContext<String, Decoded<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        T value;
        try {
            value = codec.decode(record.value());
        } catch (EventDecodingException e) {
            deadLetter(record, key, e.reason(), e.getMessage());
            return;
        }
        String expected = expectedKey.apply(value);
        if (!Objects.equals(key, expected)) {
            deadLetter(record, key, DeadLetterReason.MISSING_KEY, "the record key must be the product id '" + expected
                    + "' so that a product's events stay in order on one partition; it was "
                    + (key == null ? "absent" : "'" + key + "'"));
            return;
        }
        context.forward(new Record<>(key, new Decoded.Ok<>(value), record.timestamp(), record.headers()));
    }

    private void deadLetter(Record<byte[], byte[]> record, String key, DeadLetterReason reason, String message) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        DeadLetter deadLetter = new DeadLetter(reason, message, source.topic(), source.partition(), source.offset(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(new Record<>(key, new Decoded.Failed<>(record.key(), record.value()), record.timestamp(),
                deadLetter.appendTo(record.headers())));
    }
}
