package io.meshwarden.quality.completeness;

import io.meshwarden.avro.MetricEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What was measured over a stretch of time: how many metric events (or observed records), how
 * many records were received and expected, and how many were null per field. Buckets and windows
 * both are {@code Counts}; a window is the sum of its buckets. Counts are exact (longs), so a
 * window rolled forward by adding and subtracting buckets never drifts.
 */
public record Counts(long metrics, long received, long expected, Map<String, Long> nulls) {
    public static final Counts ZERO = new Counts(0, 0, 0, Map.of());

    public Counts {
        nulls = Map.copyOf(nulls);
    }

    /** A metric event's counts; without a figure from the source platform, what was loaded is what was expected. */
    public static Counts of(MetricEvent metric) {
        long received = Math.max(0, metric.getRecordsLoaded());
        long expected = metric.getRecordsExpected() == null ? received : Math.max(0, metric.getRecordsExpected());
        Map<String, Long> nulls = new TreeMap<>();
        metric.getFieldNullCounts().forEach((field, count) -> nulls.put(field, Math.max(0, count)));
        return new Counts(1, received, expected, nulls);
    }

    public Counts plus(Counts other) {
        return combine(other, 1);
    }

    public Counts minus(Counts other) {
        return combine(other, -1);
    }

    public boolean isEmpty() {
        return metrics == 0;
    }

    /** Received over expected, at most 1 (a re-delivery can load more than expected); null when nothing was expected. */
    public Double completeness() {
        return expected == 0 ? null : Math.min(1.0, (double) received / expected);
    }

    /** The non-null ratio of each of these fields, in [0, 1]; empty when nothing was received. */
    public Map<String, Double> fieldCompleteness(List<String> fields) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        if (received == 0) {
            return ratios;
        }
        for (String field : fields) {
            long missing = Math.min(received, nulls.getOrDefault(field, 0L));
            ratios.put(field, 1.0 - (double) missing / received);
        }
        return ratios;
    }

    private Counts combine(Counts other, int sign) {
        Map<String, Long> merged = new TreeMap<>(nulls);
        other.nulls.forEach((field, count) -> {
            long sum = merged.getOrDefault(field, 0L) + sign * count;
            if (sum == 0) {
                merged.remove(field);
            } else {
                merged.put(field, sum);
            }
        });
        return new Counts(metrics + sign * other.metrics, received + sign * other.received,
                expected + sign * other.expected, merged);
    }
}
