package io.meshwarden.sla.streams;

import io.meshwarden.avro.Violation;
import io.meshwarden.sla.alerts.SlaPolicy;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest state of every violation in {@link SlaStores#VIOLATIONS} for the API (a recovery
 * overwrites its breach; an event older, by {@code detectedAt}, than the stored one is ignored, so a
 * late duplicate cannot reopen a recovered violation), and passes every violation on. On a
 * wall-clock schedule it drops what has been closed for longer than the retention
 * ({@link ViolationRetention}).
 *
 * <p>Reads decoded violations keyed by product id. Writes the store; forwards the same records.
 */
final class ViolationMaterializer implements Processor<String, Violation, String, Violation> {
    private final Duration retentionCheck;
    private final ViolationRetention retention;
    private ProcessorContext<String, Violation> context;
    private KeyValueStore<String, Violation> store;

    ViolationMaterializer(SlaPolicy policy) {
        this.retentionCheck = policy.retentionCheckInterval();
        this.retention = new ViolationRetention(policy.retention());
    }

    @Override
    public void init(ProcessorContext<String, Violation> context) {
        this.context = context;
        this.store = context.getStateStore(SlaStores.VIOLATIONS);
        context.schedule(retentionCheck, PunctuationType.WALL_CLOCK_TIME, now -> retention.purge(store, now));
    }

    @Override
    public void process(Record<String, Violation> record) {
        Violation violation = record.value();
        String key = ViolationKey.of(violation);
        Violation stored = store.get(key);
        if (stored == null || !violation.getDetectedAt().isBefore(stored.getDetectedAt())) {
            store.put(key, violation);
        }
        context.forward(record);
    }
}
