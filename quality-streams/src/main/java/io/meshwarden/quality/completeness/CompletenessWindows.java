package io.meshwarden.quality.completeness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Rolling completeness windows built from step buckets. Each metric is added once, to the bucket
 * of its step ({@code <productId>|<bucketStart>} in the bucket store); when stream time closes a
 * step, each product's window (period P, ending at the step's end E, covering [E-P, E)) is rolled
 * forward by adding the bucket that closed and subtracting the one that left, which is deleted.
 * This costs one bucket update per metric instead of P/step window updates (see
 * {@code baselines.md}: hopping windows are 7x slower than a plain count).
 *
 * <p>Reads and writes the bucket store and the window store (one {@link WindowState} per product
 * with data in its window). Windows without any data are not reported, and a product whose window
 * has drained skips the empty steps, so a jump in stream time costs at most P/step steps per product.
 */
public final class CompletenessWindows {
    /**
     * Decides which rules a closed window breaks; returns the rules in breach after it. Gets the
     * whole window and the step that just closed it ({@link Counts#ZERO} when nothing came in it).
     */
    @FunctionalInterface
    public interface Judge {
        Set<String> judge(String productId, long windowStart, long windowEnd, Counts window, Counts lastStep,
                          Set<String> breachedBefore);

        /**
         * One of the product's periods [start, end) closed (the window's period, tumbling: end is a multiple of
         * it), with these counts ({@link Counts#ZERO} for a period nothing came in); called before the window
         * ending there is judged. Periods in a stretch with nothing in the window are reported once, the first.
         * The counts' {@link Counts#reported} are the source's latest control totals reported within the period.
         */
        default void periodClosed(String productId, long start, long end, Counts period) {
        }
    }

    private static final int TIME_DIGITS = 13;

    private final KeyValueStore<String, Counts> buckets;
    private final KeyValueStore<String, WindowState> windows;
    private final long stepMs;
    private final long graceMs;

    public CompletenessWindows(KeyValueStore<String, Counts> buckets, KeyValueStore<String, WindowState> windows,
                               long stepMs, long graceMs) {
        this.buckets = buckets;
        this.windows = windows;
        this.stepMs = stepMs;
        this.graceMs = graceMs;
    }

    /** The end of the last step that stream time has closed: its end plus the grace period has passed. */
    public long closedUpTo(long streamTime) {
        return Math.floorDiv(streamTime - graceMs, stepMs) * stepMs;
    }

    /** True when the step of this event time has closed already, so the event can no longer count. */
    public boolean isLate(long eventTime, long closedUpTo) {
        return bucketStart(eventTime) + stepMs <= closedUpTo;
    }

    /** Counts a measurement in its step's bucket; the caller has checked it is not late. */
    public void add(String productId, long eventTime, Counts counts, long periodMs, long closedUpTo) {
        String key = key(productId, bucketStart(eventTime));
        Counts bucket = buckets.get(key);
        buckets.put(key, bucket == null ? counts : bucket.plus(counts));
        // A product with a pending bucket always has a window state (it is deleted only without one).
        if (bucket == null && windows.get(productId) == null) {
            windows.put(productId, WindowState.open(closedUpTo, periodMs));
        }
    }

    /** Rolls every product's window forward to {@code closedUpTo}, judging each non-empty window closed on the way. */
    public void closeUpTo(long closedUpTo, ToLongFunction<String> periodOf, Judge judge) {
        List<KeyValue<String, WindowState>> open = new ArrayList<>();
        try (KeyValueIterator<String, WindowState> all = windows.all()) {
            all.forEachRemaining(open::add);
        }
        for (KeyValue<String, WindowState> entry : open) {
            if (entry.value.closedEnd() < closedUpTo) {
                roll(entry.key, withPeriod(entry.key, entry.value, periodOf.applyAsLong(entry.key)), closedUpTo, judge);
            }
        }
    }

    /** The products with an open window (data in their period or a bucket pending): one scan of the window store. */
    public List<String> productsWithWindows() {
        List<String> products = new ArrayList<>();
        try (KeyValueIterator<String, WindowState> all = windows.all()) {
            all.forEachRemaining(entry -> products.add(entry.key));
        }
        return products;
    }

    /**
     * Rolls one product's window forward to {@code closedUpTo}, the step boundary its own clock has
     * closed, judging each non-empty window closed on the way. No other product's window moves.
     */
    public void closeProductUpTo(String productId, long closedUpTo, long periodMs, Judge judge) {
        WindowState state = windows.get(productId);
        if (state != null && state.closedEnd() < closedUpTo) {
            roll(productId, withPeriod(productId, state, periodMs), closedUpTo, judge);
        }
    }

    private void roll(String productId, WindowState state, long closedUpTo, Judge judge) {
        long period = state.periodMs();
        Counts sum = state.sum();
        Set<String> breached = state.breached();
        long end = state.closedEnd();
        while (end < closedUpTo) {
            end += stepMs;
            Counts entering = buckets.get(key(productId, end - stepMs));
            if (entering != null) {
                sum = sum.plus(entering);
            }
            String leavingKey = key(productId, end - stepMs - period);
            Counts leaving = buckets.delete(leavingKey);
            if (leaving != null) {
                sum = sum.minus(leaving);
            }
            if (!sum.isEmpty()) {
                if (end % period == 0) {
                    judge.periodClosed(productId, end - period, end, sum);
                    // The window is this period now; the reports of the next come with its buckets.
                    sum = sum.withoutReports();
                }
                breached = judge.judge(productId, end - period, end, sum, entering == null ? Counts.ZERO : entering, breached);
            } else {
                // Nothing in the window: skip to the step before the next bucket, if any; the first empty period is reported.
                long next = nextBucketStart(productId, end, closedUpTo);
                long skipTo = next < 0 ? closedUpTo : Math.max(end, next);
                long firstBoundary = Math.floorDiv(end + period - 1, period) * period;
                if (firstBoundary <= skipTo) {
                    judge.periodClosed(productId, firstBoundary - period, firstBoundary, Counts.ZERO);
                }
                end = skipTo;
            }
        }
        if (sum.isEmpty() && breached.isEmpty() && nextBucketStart(productId, end, Long.MAX_VALUE) < 0) {
            windows.delete(productId);
        } else {
            windows.put(productId, state.with(end, sum, breached));
        }
    }

    /** Re-sums the window from its buckets when the contract changed its period; a longer one fills up as time passes. */
    private WindowState withPeriod(String productId, WindowState state, long periodMs) {
        if (periodMs == state.periodMs()) {
            return state;
        }
        Counts sum = Counts.ZERO;
        try (KeyValueIterator<String, Counts> range = buckets.range(key(productId, 0), key(productId, state.closedEnd() - 1))) {
            while (range.hasNext()) {
                KeyValue<String, Counts> bucket = range.next();
                if (!isOf(productId, bucket.key)) {
                    continue;
                }
                if (start(bucket.key) < state.closedEnd() - periodMs) {
                    buckets.delete(bucket.key);
                } else {
                    sum = sum.plus(bucket.value);
                }
            }
        }
        return state.withPeriod(periodMs, sum);
    }

    /** The start of the product's first bucket in [from, until], or -1; {@code until} MAX_VALUE means no limit. */
    private long nextBucketStart(String productId, long from, long until) {
        String to = until == Long.MAX_VALUE ? productId + "|~" : key(productId, until);
        try (KeyValueIterator<String, Counts> range = buckets.range(key(productId, from), to)) {
            while (range.hasNext()) {
                String key = range.next().key;
                if (isOf(productId, key)) {
                    return start(key);
                }
            }
        }
        return -1;
    }

    public long bucketStart(long eventTime) {
        return Math.floorDiv(eventTime, stepMs) * stepMs;
    }

    /**
     * Zero-padded so that a product's buckets sort by time (epoch millis have 13 digits until 2286).
     * Times before 1970 get a '-' and sort before all others (among themselves, in reverse): only
     * windows that reach back before 1970 ask for them, and they are found by exact key then.
     */
    static String key(String productId, long start) {
        String digits = Long.toString(Math.abs(start));
        StringBuilder key = new StringBuilder(productId.length() + 2 + TIME_DIGITS).append(productId).append('|');
        if (start < 0) {
            key.append('-');
        }
        for (int i = digits.length(); i < TIME_DIGITS; i++) {
            key.append('0');
        }
        return key.append(digits).toString();
    }

    private static boolean isOf(String productId, String key) {
        int timeLength = key.length() - productId.length() - 1;
        return (timeLength == TIME_DIGITS || timeLength == TIME_DIGITS + 1 && key.charAt(productId.length() + 1) == '-')
                && key.startsWith(productId) && key.charAt(productId.length()) == '|';
    }

    private static long start(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
    }
}
