package io.meshwarden.sla.streams;

import io.meshwarden.avro.Violation;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.EventDecodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes raw violation records and keeps the latest state of every violation in the
 * {@link ViolationTopology#STORE} store (a recovery overwrites its breach; an event older than the
 * stored one is ignored, so a late duplicate cannot reopen a recovered violation).
 *
 * <p>Reads: violation topic records as bytes (Avro single-object encoding or JSON), keyed by product
 * id. Writes: the store, and forwards only dead letters downstream: the record's original key and
 * value bytes with {@link DeadLetter} headers saying why and where from.
 */
final class ViolationMaterializer implements Processor<byte[], byte[], byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(ViolationMaterializer.class);

    private final EventCodec<Violation> codec = EventCodec.of(Violation.class);
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, Violation> store;

    /** The supplier declaring the store, so the DSL wires it to this processor by name. */
    static ProcessorSupplier<byte[], byte[], byte[], byte[]> supplier(StoreBuilder<KeyValueStore<String, Violation>> store) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<byte[], byte[], byte[], byte[]> get() {
                return new ViolationMaterializer();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(ViolationTopology.STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null || record.key().length == 0) {
            deadLetter(record, DeadLetterReason.MISSING_KEY, "violation records are keyed by product id; this one has no key");
            return;
        }
        Violation violation;
        try {
            violation = codec.decode(record.value());
        } catch (EventDecodingException e) {
            deadLetter(record, e.reason(), e.getMessage());
            return;
        }
        String key = ViolationKey.of(violation);
        Violation stored = store.get(key);
        if (stored == null || !violation.getDetectedAt().isBefore(stored.getDetectedAt())) {
            store.put(key, violation);
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, DeadLetterReason reason, String message) {
        RecordMetadata source = context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("a record from a source topic always has metadata"));
        DeadLetter letter = new DeadLetter(reason, message, source.topic(), source.partition(), source.offset(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (LOG.isDebugEnabled()) {
            LOG.debug("Dead letter from {}-{}@{} (key {}): {} {}", source.topic(), source.partition(), source.offset(),
                    record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                    reason.headerValue(), message);
        }
        context.forward(record.withHeaders(letter.appendTo(record.headers())));
    }
}
