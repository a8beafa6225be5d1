package io.meshwarden.sla.streams;

import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.EventDecodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes one raw input record (Avro single-object encoding or JSON) and checks that its key is the
 * one the event names (product id for violations, alert id for commands): a mismatched key would
 * put the event on another partition than the state it changes. An event that decodes but that the
 * topology cannot use (e.g. an alert id without a rule) is rejected as a schema mismatch.
 *
 * <p>Reads raw bytes. Forwards {@link Intake.Accepted} keyed by that id, or {@link Intake.Rejected}
 * with the original bytes and {@link DeadLetter} headers saying why and where from.
 */
final class IntakeDecoder<T extends SpecificRecord> implements Processor<byte[], byte[], String, Intake<T>> {
    private final EventCodec<T> codec;
    private final Function<T, String> keyOf;
    private final Function<T, String> invalid;
    private final String keyName;
    private ProcessorContext<String, Intake<T>> context;

    IntakeDecoder(Class<T> type, Function<T, String> keyOf, Function<T, String> invalid, String keyName) {
        this.codec = EventCodec.of(type);
        this.keyOf = keyOf;
        this.invalid = invalid;
        this.keyName = keyName;
    }

    @Override
    public void init(ProcessorContext<String, Intake<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (key == null || key.isEmpty()) {
            reject(record, DeadLetterReason.MISSING_KEY, "records are keyed by " + keyName + "; this one has no key");
            return;
        }
        T event;
        try {
            event = codec.decode(record.value());
        } catch (EventDecodingException e) {
            reject(record, e.reason(), e.getMessage());
            return;
        }
        String problem = invalid.apply(event);
        if (problem != null) {
            reject(record, DeadLetterReason.SCHEMA_MISMATCH, problem);
            return;
        }
        if (!key.equals(keyOf.apply(event))) {
            reject(record, DeadLetterReason.MISSING_KEY, "the key must be the " + keyName + " '" + keyOf.apply(event)
                    + "' so that its events stay on one partition; it was '" + key + "'");
            return;
        }
        context.forward(record.withKey(key).withValue(new Intake.Accepted<>(event)));
    }

    private void reject(Record<byte[], byte[]> record, DeadLetterReason reason, String message) {
        RecordMetadata source = context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("a record from a source topic always has metadata"));
        DeadLetter letter = new DeadLetter(reason, message, source.topic(), source.partition(), source.offset(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(new Record<String, Intake<T>>(null, new Intake.Rejected<>(record.key(), record.value()),
                record.timestamp(), letter.appendTo(record.headers())));
    }
}
