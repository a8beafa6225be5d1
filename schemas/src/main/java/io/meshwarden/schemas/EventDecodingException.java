package io.meshwarden.schemas;

import io.meshwarden.schemas.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that could not become an event. The {@link DeadLetterReason} says why, so processors can
 * route the record to the dead-letter topic with a machine-readable reason.
 */
public final class EventDecodingException extends SerializationException {
    private static final long serialVersionUID = 1L;

    private final DeadLetterReason reason;

    public EventDecodingException(DeadLetterReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public EventDecodingException(DeadLetterReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * A writer schema the registry did not give: {@link DeadLetterReason#UNKNOWN_SCHEMA_ID} when it has no such id,
     * {@link DeadLetterReason#SCHEMA_REGISTRY_UNAVAILABLE} when it could not be reached or refused us.
     */
    public static EventDecodingException noWriterSchema(SchemaRegistryException e) {
        return new EventDecodingException(e.kind() == SchemaRegistryException.Kind.NOT_FOUND ? DeadLetterReason.UNKNOWN_SCHEMA_ID
                : DeadLetterReason.SCHEMA_REGISTRY_UNAVAILABLE, e.getMessage(), e);
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
