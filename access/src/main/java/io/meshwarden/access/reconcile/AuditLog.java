package io.meshwarden.access.reconcile;

import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessCommand;

/**
 * What the reconciler writes: its audit events, and its reports that a grant is PROVISIONED. Each call
 * returns once the write is durable, and throws when it cannot be.
 */
public interface AuditLog extends AutoCloseable {
    void write(AccessAuditEvent event);

    void command(AccessCommand command);

    @Override
    default void close() {
    }
}
