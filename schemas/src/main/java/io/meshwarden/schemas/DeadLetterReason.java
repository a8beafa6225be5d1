package io.meshwarden.schemas;

/** Why a record went to the dead-letter topic; the header value is the lower-case kebab name. */
public enum DeadLetterReason {
    /** Neither Avro single-object encoding nor JSON, or a truncated payload. */
    UNDECODABLE("undecodable"),
    /** Avro single-object encoding whose schema fingerprint no shipped schema version has. */
    UNKNOWN_SCHEMA("unknown-schema"),
    /** A record in the Confluent wire format whose schema id the schema registry does not know. */
    UNKNOWN_SCHEMA_ID("unknown-schema-id"),
    /** A record in the Confluent wire format read while the schema registry could not be reached or refused us. */
    SCHEMA_REGISTRY_UNAVAILABLE("schema-registry-unavailable"),
    /** A record in an encoding recognised but not decoded (Protobuf in the Confluent wire format). */
    UNSUPPORTED_ENCODING("unsupported-encoding"),
    /** JSON that does not fit the event's schema (wrong type, missing field). */
    SCHEMA_MISMATCH("schema-mismatch"),
    /** A record without the key its topic requires (the product id). */
    MISSING_KEY("missing-key"),
    /** A metric for a product the catalog does not know. */
    UNKNOWN_PRODUCT("unknown-product"),
    /** An event that arrived after its window's grace period. */
    LATE("late"),
    /** An event time further ahead of the wall clock than the allowed clock skew; it never advances any clock. */
    FUTURE_EVENT_TIME("future-event-time"),
    /** A record time (a metric's {@code newestRecordTime}) further ahead of the wall clock than the allowed skew. */
    FUTURE_RECORD_TIME("future-record-time"),
    /** A count (records loaded or expected, a per-field count) below zero. */
    NEGATIVE_COUNT("negative-count"),
    /** A per-field count (nulls, missing, invalid or duplicate values) above the records loaded. */
    COUNT_ABOVE_LOADED("count-above-loaded"),
    /** A string field (id, name, map key) empty where it must not be, or longer than its bound. */
    STRING_OUT_OF_BOUNDS("string-out-of-bounds"),
    /** A list or map (fields, tags, rules, per-field counts) with more entries than its bound: an error, never a truncation. */
    TOO_MANY_ENTRIES("too-many-entries"),
    /** A contract or policy-set version that is not a semantic version MAJOR.MINOR.PATCH. */
    INVALID_VERSION("invalid-version"),
    /** A duration (a freshness limit, a window, a retention) that is zero or negative. */
    INVALID_DURATION("invalid-duration"),
    /** A percentage (completeness, availability, accuracy tolerance) outside [0, 100]. */
    PERCENT_OUT_OF_RANGE("percent-out-of-range"),
    /** A total of a measure (loaded or the source's control total) that is not a finite number within the bound a total may hold. */
    INVALID_TOTAL("invalid-total"),
    /** A contract setting that does not parse (an {@code anomaly.*} property, for example); the field names it. */
    INVALID_SETTING("invalid-setting"),
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
