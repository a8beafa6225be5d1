package io.meshwarden.schemas;

/** Why a record went to the dead-letter topic; the header value is the lower-case kebab name. */
public enum DeadLetterReason {
    /** Neither Avro single-object encoding nor JSON, or a truncated payload. */
    UNDECODABLE("undecodable"),
    /** Avro single-object encoding whose schema fingerprint no shipped schema version has. */
    UNKNOWN_SCHEMA("unknown-schema"),
    /** JSON that does not fit the event's schema (wrong type, missing field). */
    SCHEMA_MISMATCH("schema-mismatch"),
    /** A record without the key its topic requires (the product id). */
    MISSING_KEY("missing-key"),
    /** A metric for a product the catalog does not know. */
    UNKNOWN_PRODUCT("unknown-product"),
    /** An event that arrived after its window's grace period. */
    LATE("late"),
    /** A policy set that cannot be parsed or compiled. */
    INVALID_POLICY("invalid-policy"),
    /** An alert transition a notification sink (Alertmanager, a webhook) gave up delivering; the message names the sink. */
    NOTIFICATION_FAILED("notification-failed"),
    /** Anything else a processor could not handle; the message says what. */
    PROCESSING_ERROR("processing-error");

    private final String headerValue;

    DeadLetterReason(String headerValue) {
        this.headerValue = headerValue;
    }

    public String headerValue() {
        return headerValue;
    }
}
