package io.meshwarden.access;

import io.meshwarden.avro.AccessCommand;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.DataProductContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Applies access commands to the request store through {@link AccessLifecycle}, forwarding the new
 * {@link AccessRequest} state (towards {@code access.requests}) and one audit event per command
 * (towards {@code mesh.access.audit}), refusals included. A wall-clock punctuator expires live
 * grants past their end, so a grant ends on time even when no command arrives. Time is the wall
 * clock of the processing instance, not the command's, so a producer cannot backdate a grant.
 *
 * <p>Reads {@link AccessStores#REQUESTS} and the global {@link AccessStores#CATALOG}; writes the first.
 */
final class AccessRequestProcessor implements Processor<String, AccessCommand, String, SpecificRecord> {
    /** Who expires grants, in the audit trail. */
    static final String EXPIRY_ACTOR = "User:meshwarden-access";

    private final Duration expiryInterval;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, AccessRequest> requests;
    private TimestampedKeyValueStore<String, DataProductContract> catalog;

    AccessRequestProcessor(Duration expiryInterval) {
        this.expiryInterval = expiryInterval;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.requests = context.getStateStore(AccessStores.REQUESTS);
        this.catalog = context.getStateStore(AccessStores.CATALOG);
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, AccessCommand> record) {
        AccessCommand command = record.value();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        AccessRequest current = requests.get(command.getRequestId());
        DataProductContract product = command.getProductId() == null ? null
                : ValueAndTimestamp.getValueOrNull(catalog.get(command.getProductId()));
        AccessLifecycle.Outcome outcome = AccessLifecycle.apply(current, command, product, now);
        if (outcome instanceof AccessLifecycle.Changed changed) {
            store(changed.next(), now);
        }
        context.forward(new Record<>(command.getRequestId(), outcome.audit(), now.toEpochMilli()));
    }

    private void expire(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        List<AccessLifecycle.Changed> expired = new ArrayList<>();
        try (KeyValueIterator<String, AccessRequest> all = requests.all()) {
            while (all.hasNext()) {
                KeyValue<String, AccessRequest> entry = all.next();
                AccessLifecycle.Changed changed = AccessLifecycle.expire(entry.value, now, EXPIRY_ACTOR);
                if (changed != null) {
                    expired.add(changed);
                }
            }
        }
        for (AccessLifecycle.Changed changed : expired) {
            store(changed.next(), now);
            context.forward(new Record<>(changed.next().getRequestId(), changed.audit(), wallClockMs));
        }
    }

    private void store(AccessRequest next, Instant now) {
        requests.put(next.getRequestId(), next);
        context.forward(new Record<>(next.getRequestId(), next, now.toEpochMilli()));
    }
}
