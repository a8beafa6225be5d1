package io.meshwarden.schemas;

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

    public DeadLetterReason reason() {
        return reason;
    }
}
