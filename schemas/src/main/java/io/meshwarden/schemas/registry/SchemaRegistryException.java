package io.meshwarden.schemas.registry;

/** A registry request that did not give a schema, and why: the caller decides whether to wait or to dead-letter. */
public final class SchemaRegistryException extends RuntimeException {

    public enum Kind {
        /** The registry answered that it has no such schema id, subject or version (HTTP 404). */
        NOT_FOUND,
        /** The registry refused the credentials (HTTP 401 or 403). */
        UNAUTHORIZED,
        /** The registry could not be reached, timed out, or failed (HTTP 5xx): worth trying again later. */
        UNAVAILABLE,
        /** The registry refused to register a schema: incompatible with the subject's versions (HTTP 409) or invalid (422). */
        REJECTED,
        /** The registry answered something that is not a schema response. */
        INVALID_RESPONSE
    }

    private final Kind kind;

    public SchemaRegistryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SchemaRegistryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
