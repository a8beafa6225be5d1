package io.meshwarden.quality.completeness;

import io.meshwarden.avro.MetricEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What was measured over a stretch of time: how many metric events (or observed records), how
 * many records were received and expected, how many were null per field, and the counts the
 * contract's quality rules need (missing and invalid values per field or rule path, duplicate
 * values per field, {@value #WHOLE_RECORD} for whole records), and the loaded total of each measure
 * (in millionths, {@link #measureTotals()} gives them as numbers). Buckets and windows both are
 * {@code Counts}; a window is the sum of its buckets. Counts are exact (longs), so a window rolled
 * forward by adding and subtracting buckets never drifts.
 */
public record Counts(long metrics, long received, long expected, Map<String, Long> nulls, Map<String, Long> missing,
                     Map<String, Long> invalid, Map<String, Long> duplicates, Map<String, Long> measureMillionths,
                     Map<String, Double> reported) {
    /** Measure totals are held in millionths of their unit: exact sums for money to the micro-unit. */
    public static final double MILLIONTHS = 1_000_000.0;
    /** The key of whole-record duplicates in {@link #duplicates}: no Avro field may be named so. */
    public static final String WHOLE_RECORD = "$";
    public static final Counts ZERO = new Counts(0, 0, 0, Map.of());

    public Counts {
        nulls = Map.copyOf(nulls);
        missing = Map.copyOf(missing);
        invalid = Map.copyOf(invalid);
        duplicates = Map.copyOf(duplicates);
        measureMillionths = Map.copyOf(measureMillionths);
        reported = Map.copyOf(reported);
    }

    public Counts(long metrics, long received, long expected, Map<String, Long> nulls, Map<String, Long> missing,
                  Map<String, Long> invalid, Map<String, Long> duplicates, Map<String, Long> measureMillionths) {
        this(metrics, received, expected, nulls, missing, invalid, duplicates, measureMillionths, Map.of());
    }

    public Counts(long metrics, long received, long expected, Map<String, Long> nulls) {
        this(metrics, received, expected, nulls, Map.of(), Map.of(), Map.of());
    }

    public Counts(long metrics, long received, long expected, Map<String, Long> nulls, Map<String, Long> missing,
                  Map<String, Long> invalid, Map<String, Long> duplicates) {
        this(metrics, received, expected, nulls, missing, invalid, duplicates, Map.of());
    }

    /** A metric event's counts; without a figure from the source platform, what was loaded is what was expected. */
    public static Counts of(MetricEvent metric) {
        long received = Math.max(0, metric.getRecordsLoaded());
        long expected = metric.getRecordsExpected() == null ? received : Math.max(0, metric.getRecordsExpected());
        Map<String, Long> duplicates = notNegative(metric.getFieldDuplicateCounts());
        if (metric.getDuplicateRecords() > 0) {
            duplicates.merge(WHOLE_RECORD, metric.getDuplicateRecords(), Long::sum);
        }
        return new Counts(1, received, expected, notNegative(metric.getFieldNullCounts()),
                notNegative(metric.getFieldMissingCounts()), notNegative(metric.getFieldInvalidCounts()), duplicates,
                millionths(metric.getLoadedTotals()));
    }

    /**
     * These counts with the source's control totals for the period they fall in, as reported by this metric: the
     * latest report of a step bucket, and of a window since its period began ({@link #plus} keeps the later one of
     * each measure, {@link #minus} leaves them, {@link #withoutReports} forgets them when a period has been judged).
     */
    public Counts withReported(Map<String, Double> controlTotals) {
        return new Counts(metrics, received, expected, nulls, missing, invalid, duplicates, measureMillionths, controlTotals);
    }

    public Counts withoutReports() {
        return reported.isEmpty() ? this : withReported(Map.of());
    }

    /** Each measure's loaded total, in its own unit. */
    public Map<String, Double> measureTotals() {
        Map<String, Double> totals = new TreeMap<>();
        measureMillionths.forEach((measure, millionths) -> totals.put(measure, millionths / MILLIONTHS));
        return totals;
    }

    /** Only duplicate values, as counted by the quality processor itself. */
    public static Counts duplicates(Map<String, Long> duplicates) {
        return new Counts(0, 0, 0, Map.of(), Map.of(), Map.of(), duplicates);
    }

    public Counts plus(Counts other) {
        return combine(other, 1, latest(reported, other.reported));
    }

    public Counts minus(Counts other) {
        return combine(other, -1, reported);
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
            long missingCount = Math.min(received, nulls.getOrDefault(field, 0L));
            ratios.put(field, 1.0 - (double) missingCount / received);
        }
        return ratios;
    }

    private static Map<String, Double> latest(Map<String, Double> earlier, Map<String, Double> later) {
        if (later.isEmpty()) {
            return earlier;
        }
        if (earlier.isEmpty()) {
            return later;
        }
        Map<String, Double> merged = new TreeMap<>(earlier);
        merged.putAll(later);
        return merged;
    }

    private Counts combine(Counts other, int sign, Map<String, Double> reports) {
        return new Counts(metrics + sign * other.metrics, received + sign * other.received,
                expected + sign * other.expected, merge(nulls, other.nulls, sign), merge(missing, other.missing, sign),
                merge(invalid, other.invalid, sign), merge(duplicates, other.duplicates, sign),
                merge(measureMillionths, other.measureMillionths, sign), reports);
    }

    private static Map<String, Long> merge(Map<String, Long> mine, Map<String, Long> theirs, int sign) {
        if (theirs.isEmpty()) {
            return mine;
        }
        Map<String, Long> merged = new TreeMap<>(mine);
        theirs.forEach((key, count) -> {
            long sum = merged.getOrDefault(key, 0L) + sign * count;
            if (sum == 0) {
                merged.remove(key);
            } else {
                merged.put(key, sum);
            }
        });
        return merged;
    }

    /** Totals in millionths; the metric's checks bound them, so none overflows (a sum of a million such fits a long). */
    private static Map<String, Long> millionths(Map<String, Double> totals) {
        if (totals.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> exact = new TreeMap<>();
        totals.forEach((measure, total) -> exact.put(measure, Math.round(total * MILLIONTHS)));
        return exact;
    }

    private static Map<String, Long> notNegative(Map<String, Long> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, count) -> {
            if (count > 0) {
                copy.put(key, count);
            }
        });
        return copy;
    }
}
