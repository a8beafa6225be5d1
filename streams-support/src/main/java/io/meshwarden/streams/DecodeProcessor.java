package io.meshwarden.streams;

import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.EventDecodingException;
import java.nio.charset.StandardCharsets;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads raw records of one event type: decodes the value (Avro single-object, JSON, or the Confluent wire format
 * with the deployment's schema registry), applies
 * the {@link InputRule}'s own check, checks that the key is the one the event names, and then the
 * event's semantic rules ({@link EventCheck}, against the wall clock). Forwards {@link Decoded.Ok}
 * on success and {@link Decoded.Failed}, with the original bytes and dead-letter headers, on any
 * failure. Decoding comes first, so bytes that are not an event are reported as such whatever their
 * key. This is the one place where every input event is judged for meaning: an event that breaks a
 * rule goes nowhere but the dead-letter topic, so it is never half-applied downstream.
 */
final class DecodeProcessor<T extends SpecificRecord> implements Processor<byte[], byte[], String, Decoded<T>> {
    private final EventCodec<T> codec;
    private final InputRule<T> rule;
    private final Optional<SchemaRegistryClient> registry;
    private ProcessorContext<String, Decoded<T>> context;

    DecodeProcessor(EventCodec<T> codec, InputRule<T> rule, Optional<SchemaRegistryClient> registry) {
        this.codec = codec;
        this.rule = rule;
        this.registry = registry;
    }

    @Override
    public void init(ProcessorContext<String, Decoded<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> arrived) {
        // A keyless record that crossed a repartition topic under a stand-in key is keyless again here.
        Record<byte[], byte[]> record = arrived.withKey(Ingress.originalKey(arrived.key(), arrived.headers()));
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        T value;
        try {
            value = codec.decode(record.value(), registry);
        } catch (EventDecodingException e) {
            deadLetter(record, key, e.reason(), e.getMessage());
            return;
        }
        String problem = rule.problem().apply(value);
        if (problem != null) {
            deadLetter(record, key, DeadLetterReason.SCHEMA_MISMATCH, problem);
            return;
        }
        String expected = rule.keyOf().apply(value);
        if (!Objects.equals(key, expected)) {
            deadLetter(record, key, DeadLetterReason.MISSING_KEY, "the record key must be the " + rule.keyName() + " '"
                    + expected + "' so that its events stay in order on one partition; it was "
                    + (key == null ? "absent" : "'" + key + "'"));
            return;
        }
        var invalid = rule.meaning().check(value, context.currentSystemTimeMs());
        if (invalid.isPresent()) {
            deadLetter(record, key, invalid.get().reason(), invalid.get().deadLetterMessage());
            return;
        }
        context.forward(new Record<>(key, new Decoded.Ok<>(value, record.key(), record.value()), record.timestamp(),
                record.headers()));
    }

    private void deadLetter(Record<byte[], byte[]> record, String key, DeadLetterReason reason, String message) {
        context.forward(DeadLetters.failed(context, record, key, reason, message));
    }
}
