package io.meshwarden.sla.timeliness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latencies of the last {@link #WINDOW}, in a bounded structure: one slot per {@link #SLOT} of wall
 * clock (at most {@value #MAX_SLOTS}), each counting samples in fixed log-scale buckets, four per
 * doubling, from 1 ms up to 2^31 ms (about 25 days, {@value #BUCKETS} buckets; longer latencies
 * count in the last one). A percentile is the upper bound of the bucket holding its rank, so it is
 * never below the true value and at most 19 % (2^(1/4)) above it. A slot leaves the window whole,
 * so the window spans between 23 and 24 hours. Immutable: each change returns a new histogram.
 *
 * <p>Hand-written rather than HdrHistogram: that library is not among the resolvable dependencies,
 * and a sparse map of at most 125 counters per slot is all this needs.
 *
 * @param slots by ascending start; each maps bucket index to its count, buckets without samples absent
 */
public record LatencyHistogram(List<Slot> slots) {
    public static final Duration WINDOW = Duration.ofHours(24);
    public static final Duration SLOT = Duration.ofHours(1);
    public static final int MAX_SLOTS = 24;
    static final int STEPS_PER_DOUBLING = 4;
    static final int LAST_BUCKET = 31 * STEPS_PER_DOUBLING;
    public static final int BUCKETS = LAST_BUCKET + 1;

    /** One slot of wall clock: its start and its non-zero bucket counts. */
    public record Slot(long start, Map<Integer, Long> counts) {
        public Slot {
            counts = Map.copyOf(counts);
        }
    }

    public LatencyHistogram {
        slots = List.copyOf(slots);
    }

    public static LatencyHistogram empty() {
        return new LatencyHistogram(List.of());
    }

    /** This histogram with one more sample of {@code latencyMs} observed at {@code at}, and what left the window forgotten. */
    public LatencyHistogram record(long latencyMs, long at) {
        long start = Math.floorDiv(at, SLOT.toMillis()) * SLOT.toMillis();
        int bucket = bucket(latencyMs);
        List<Slot> next = new ArrayList<>();
        boolean added = false;
        for (Slot slot : forgetBefore(at).slots) {
            if (!added && slot.start() > start) {
                next.add(new Slot(start, Map.of(bucket, 1L)));
                added = true;
            }
            if (slot.start() == start) {
                Map<Integer, Long> counts = new TreeMap<>(slot.counts());
                counts.merge(bucket, 1L, Long::sum);
                next.add(new Slot(start, counts));
                added = true;
            } else {
                next.add(slot);
            }
        }
        if (!added) {
            next.add(new Slot(start, Map.of(bucket, 1L)));
        }
        return new LatencyHistogram(next);
    }

    /** This histogram without the slots that are out of the window ending {@code now}. */
    public LatencyHistogram forgetBefore(long now) {
        long first = firstSlot(now);
        return new LatencyHistogram(slots.stream().filter(slot -> slot.start() >= first).toList());
    }

    public boolean isEmpty() {
        return slots.isEmpty();
    }

    /** Samples in the window ending {@code now}. */
    public long count(long now) {
        return window(now).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The 99th percentile (nearest rank) of the window ending {@code now}, in ms; null without samples. */
    public Long p99(long now) {
        Map<Integer, Long> merged = window(now);
        long total = merged.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(0.99 * total);
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : merged.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return upperBound(bucket.getKey());
            }
        }
        throw new IllegalStateException("the rank lies within the total");
    }

    /** The smallest bucket whose upper bound is at least {@code latencyMs}; a negative latency (clock skew) counts as 0. */
    static int bucket(long latencyMs) {
        if (latencyMs <= 1) {
            return 0;
        }
        int estimate = (int) Math.min(LAST_BUCKET, Math.ceil(STEPS_PER_DOUBLING * Math.log(latencyMs) / Math.log(2)));
        while (estimate > 0 && upperBound(estimate - 1) >= latencyMs) {
            estimate--;
        }
        while (estimate < LAST_BUCKET && upperBound(estimate) < latencyMs) {
            estimate++;
        }
        return estimate;
    }

    static long upperBound(int bucket) {
        return (long) Math.ceil(Math.pow(2, bucket / (double) STEPS_PER_DOUBLING));
    }

    private Map<Integer, Long> window(long now) {
        long first = firstSlot(now);
        Map<Integer, Long> merged = new TreeMap<>();
        slots.stream().filter(slot -> slot.start() >= first)
                .forEach(slot -> slot.counts().forEach((bucket, count) -> merged.merge(bucket, count, Long::sum)));
        return merged;
    }

    private static long firstSlot(long now) {
        return Math.floorDiv(now, SLOT.toMillis()) * SLOT.toMillis() - (MAX_SLOTS - 1) * SLOT.toMillis();
    }
}
