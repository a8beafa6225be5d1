package io.meshwarden.schemas.validation;

import io.meshwarden.schemas.DeadLetterReason;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The semantic rules every input event is held to, each with its own dead-letter reason, applied
 * field by field; the first broken rule is the event's {@link InvalidEvent}. The checks of metric
 * events, contract changes and policy sets are written with these, so a rule (say, what "a count"
 * allows) means the same for every event type.
 */
public final class FieldChecks {
    /** Ids name Kafka topics, consumer groups and ACLs; Kafka's own bound for a topic name is 249 characters. */
    public static final int MAX_ID_LENGTH = 249;
    /** Names, versions, run ids, map keys and other short texts. */
    public static final int MAX_NAME_LENGTH = 1_024;
    /** Free text: descriptions, messages, rule definitions. */
    public static final int MAX_TEXT_LENGTH = 65_536;
    /** A product schema (Avro JSON) or similar document held in one field. */
    public static final int MAX_DOCUMENT_LENGTH = 1_048_576;
    /** Fields of a contract, per-field counts of a metric event, parameters and other per-name entries. */
    public static final int MAX_ENTRIES = 1_000;
    /** Tags, output ports, quality rules and other short lists. */
    public static final int MAX_LIST = 200;
    /** The largest total a measure may hold either way: a trillion (kept exact to the millionth). */
    public static final double MAX_TOTAL = 1e12;

    private InvalidEvent first;

    public static FieldChecks of() {
        return new FieldChecks();
    }

    /** A count: zero or more. */
    public FieldChecks count(String field, Long value) {
        return check(value == null || value >= 0, DeadLetterReason.NEGATIVE_COUNT, field,
                () -> "a count is never negative, it was " + value);
    }

    /** Per-key counts, each zero or more and at most {@code loaded}; the keys within the name bound. */
    public FieldChecks counts(String field, Map<String, Long> counts, long loaded) {
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            String path = field + "[" + entry.getKey() + "]";
            text(path + " key", entry.getKey(), 1, MAX_NAME_LENGTH);
            count(path, entry.getValue());
            check(entry.getValue() == null || entry.getValue() <= Math.max(0, loaded), DeadLetterReason.COUNT_ABOVE_LOADED,
                    path, () -> "counts " + entry.getValue() + " of " + loaded + " records loaded; it cannot count more");
        }
        return this;
    }

    /**
     * Per-measure totals (sums of a measure's values, e.g. spend): keys within the name bound, each value a finite
     * number of at most {@link #MAX_TOTAL} either way (totals are summed exactly, in millionths).
     */
    public FieldChecks totals(String field, Map<String, Double> totals) {
        for (Map.Entry<String, Double> entry : totals.entrySet()) {
            String path = field + "[" + entry.getKey() + "]";
            double value = entry.getValue() == null ? Double.NaN : entry.getValue();
            text(path + " key", entry.getKey(), 1, MAX_NAME_LENGTH);
            check(Double.isFinite(value) && Math.abs(value) <= MAX_TOTAL, DeadLetterReason.INVALID_TOTAL, path,
                    () -> "a total is a finite number of at most " + MAX_TOTAL + " either way, it was " + value);
        }
        return this;
    }

    /** A string of {@code min} to {@code max} characters; null passes when {@code min} is 0 (an optional field). */
    public FieldChecks text(String field, String value, int min, int max) {
        if (value == null) {
            return check(min == 0, DeadLetterReason.STRING_OUT_OF_BOUNDS, field, () -> "must be present");
        }
        return check(value.length() >= min && value.length() <= max, DeadLetterReason.STRING_OUT_OF_BOUNDS, field,
                () -> "must have " + min + " to " + max + " characters, it has " + value.length());
    }

    /** A list or map of at most {@code max} entries; null passes (an optional field). */
    public FieldChecks entries(String field, java.util.Collection<?> values, int max) {
        return check(values == null || values.size() <= max, DeadLetterReason.TOO_MANY_ENTRIES, field,
                () -> "at most " + max + " entries, it has " + values.size());
    }

    /** A time no later than {@code latest} (the wall clock plus the allowed skew). */
    public FieldChecks notAfter(String field, Instant value, long latest, DeadLetterReason reason, long skewMs) {
        return check(value == null || value.toEpochMilli() <= latest, reason, field,
                () -> value + " is more than " + skewMs + " ms ahead of the wall clock (latest accepted "
                        + Instant.ofEpochMilli(latest) + "); check the producer's clock");
    }

    /** A duration in milliseconds: absent, or more than zero. */
    public FieldChecks duration(String field, Long ms) {
        return check(ms == null || ms > 0, DeadLetterReason.INVALID_DURATION, field,
                () -> "a duration is more than 0 ms, it was " + ms);
    }

    /** A percentage: absent, or in [0, 100]. */
    public FieldChecks percent(String field, Double value) {
        return check(value == null || value >= 0 && value <= 100, DeadLetterReason.PERCENT_OUT_OF_RANGE, field,
                () -> "a percentage is in [0, 100], it was " + value);
    }

    /** Any other rule: {@code ok}, or the event breaks it. */
    public FieldChecks check(boolean ok, DeadLetterReason reason, String field, java.util.function.Supplier<String> message) {
        if (!ok && first == null) {
            first = new InvalidEvent(reason, field, message.get());
        }
        return this;
    }

    public Optional<InvalidEvent> result() {
        return Optional.ofNullable(first);
    }
}
