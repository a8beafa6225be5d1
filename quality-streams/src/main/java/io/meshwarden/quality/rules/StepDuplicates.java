package io.meshwarden.quality.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts duplicate values exactly within each window step: the store holds every distinct value
 * seen in an open step, per product and per checked field ({@code observedValues} of the
 * measurements), the values themselves and not a hash of them, so two values are the same only
 * when they are equal. A value already seen in its step is a duplicate. When a step closes, its
 * values are deleted, so the store holds at most the distinct values of the steps still open (the
 * one filling and those in their grace period), never more.
 *
 * <p>Key: {@code <step start, 13 digits>|<length>:<product id><length>:<field><value>}, an encoding
 * that no two different (step, product, field, value) share, sorted by step so that closing a step
 * is one range scan. Value: the number of times seen.
 */
public final class StepDuplicates {
    private static final int TIME_DIGITS = 13;

    private final KeyValueStore<String, Long> seen;

    public StepDuplicates(KeyValueStore<String, Long> seen) {
        this.seen = seen;
    }

    /** Records the values of one measurement in its step; returns, per field, 1 where the value had been seen before. */
    public Map<String, Long> count(String productId, long stepStart, Map<String, String> values) {
        Map<String, Long> duplicates = new TreeMap<>();
        values.forEach((field, value) -> {
            String key = key(productId, stepStart, field, value);
            Long before = seen.get(key);
            seen.put(key, before == null ? 1L : before + 1);
            if (before != null) {
                duplicates.put(field, 1L);
            }
        });
        return duplicates;
    }

    /** Forgets the values of every step that starts before {@code closedUpTo}. */
    public void closeBefore(long closedUpTo) {
        List<String> closed = new ArrayList<>();
        try (KeyValueIterator<String, Long> range = seen.range(null, step(closedUpTo))) {
            range.forEachRemaining(entry -> closed.add(entry.key));
        }
        closed.forEach(seen::delete);
    }

    /**
     * Forgets the values of one product's steps in [{@code fromStep}, {@code toStep}): when a
     * product's own clock closes its steps, other products' open steps keep their values. Only the
     * steps that can hold values are scanned (the caller passes its previous closed boundary), one
     * prefix scan each.
     */
    public void closeProductSteps(String productId, long fromStep, long toStep, long stepMs) {
        List<String> closed = new ArrayList<>();
        for (long start = fromStep; start < toStep; start += stepMs) {
            String prefix = step(start) + "|" + productId.length() + ":" + productId;
            try (KeyValueIterator<String, Long> range = seen.prefixScan(prefix, new StringSerializer())) {
                range.forEachRemaining(entry -> closed.add(entry.key));
            }
        }
        closed.forEach(seen::delete);
    }

    static String key(String productId, long stepStart, String field, String value) {
        return new StringBuilder(TIME_DIGITS + productId.length() + field.length() + value.length() + 12)
                .append(step(stepStart)).append('|')
                .append(productId.length()).append(':').append(productId)
                .append(field.length()).append(':').append(field)
                .append(value).toString();
    }

    /** Zero-padded so that keys sort by step; steps before 1970 are not supported by the bucket keys either. */
    private static String step(long start) {
        String digits = Long.toString(Math.max(0, start));
        return "0".repeat(Math.max(0, TIME_DIGITS - digits.length())) + digits;
    }
}
