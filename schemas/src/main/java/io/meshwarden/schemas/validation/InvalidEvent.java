package io.meshwarden.schemas.validation;

import io.meshwarden.schemas.DeadLetterReason;
import java.util.Objects;

/**
 * Why a decoded event is refused for what it means (not for how it is written): the dead-letter
 * reason of the rule it breaks, the field that breaks it (a path such as
 * {@code fieldNullCounts[send_id]} or {@code contract.guarantees.windowMs}) and a message for the
 * producer. The decode step dead-letters the event whole, so a refused event is never half-applied.
 */
public record InvalidEvent(DeadLetterReason reason, String field, String message) {
    public InvalidEvent {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** The dead-letter message: the field first, so a reader sees at once what to fix. */
    public String deadLetterMessage() {
        return field + ": " + message;
    }
}
