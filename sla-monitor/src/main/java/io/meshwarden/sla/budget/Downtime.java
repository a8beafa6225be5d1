package io.meshwarden.sla.budget;

import java.util.ArrayList;
import java.util.List;

/**
 * When a product missed its freshness guarantee: closed intervals {@code [start, end)} in epoch
 * milliseconds, oldest first, and the start of the current outage if it is down now. Immutable; each
 * change returns a new value. Pure arithmetic, no clock: callers pass the times.
 *
 * @param intervals past outages, oldest first, non-overlapping
 * @param downSince start of the outage in progress, or null while the product is up
 */
public record Downtime(List<Interval> intervals, Long downSince) {
    /** One past outage, {@code start <= end}. */
    public record Interval(long start, long end) {
        public Interval {
            if (end < start) {
                throw new IllegalArgumentException("an outage ends after it starts: " + start + " > " + end);
            }
        }
    }

    public Downtime {
        intervals = List.copyOf(intervals);
    }

    public static Downtime none() {
        return new Downtime(List.of(), null);
    }

    public boolean down() {
        return downSince != null;
    }

    /** A breach starts an outage; a repeated breach during one changes nothing. */
    public Downtime breach(long at) {
        if (down()) {
            return this;
        }
        // An out-of-order breach older than the last recovery must not overlap it.
        long start = intervals.isEmpty() ? at : Math.max(at, intervals.get(intervals.size() - 1).end());
        return new Downtime(intervals, start);
    }

    /** A recovery ends the current outage; a recovery while up changes nothing. */
    public Downtime recover(long at) {
        if (!down()) {
            return this;
        }
        List<Interval> closed = new ArrayList<>(intervals);
        closed.add(new Interval(downSince, Math.max(at, downSince)));
        return new Downtime(closed, null);
    }

    /** Milliseconds of outage within {@code [from, to)}; an outage in progress counts up to {@code to}. */
    public long downMs(long from, long to) {
        long total = 0;
        for (Interval interval : intervals) {
            total += overlap(interval.start(), interval.end(), from, to);
        }
        if (down()) {
            total += overlap(downSince, Math.max(to, downSince), from, to);
        }
        return total;
    }

    /** Forgets outages that ended before {@code before}: no window reaches them any more. */
    public Downtime forgetBefore(long before) {
        List<Interval> kept = intervals.stream().filter(interval -> interval.end() > before).toList();
        return kept.size() == intervals.size() ? this : new Downtime(kept, downSince);
    }

    private static long overlap(long start, long end, long from, long to) {
        return Math.max(0, Math.min(end, to) - Math.max(start, from));
    }
}
