package io.meshwarden.quality.accuracy;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The index of one product's kept periods in {@code quality-accuracy-index-store}: for each period start,
 * whether it closed and which measures it has out of tolerance. What a period's judgement needs of the
 * others (is a measure still out anywhere? which periods leave the horizon? which never closed?), read with
 * one point lookup instead of a scan of the product's periods.
 */
public record KeptPeriods(NavigableMap<Long, Kept> periods) {
    static final KeptPeriods NONE = new KeptPeriods(new TreeMap<>());

    /** One kept period: closed or not, and its measures out of tolerance. */
    public record Kept(boolean closed, Set<String> breached) {
        public Kept {
            breached = Set.copyOf(breached);
        }
    }

    public KeptPeriods {
        periods = new TreeMap<>(periods);
    }

    /** The measures out of tolerance in any kept period. */
    Set<String> breached() {
        Set<String> measures = new TreeSet<>();
        periods.values().forEach(kept -> measures.addAll(kept.breached()));
        return measures;
    }

    /** This index with the period's new state (null: forgotten). */
    KeptPeriods with(long start, PeriodTotals totals) {
        TreeMap<Long, Kept> next = new TreeMap<>(periods);
        if (totals == null || !totals.worthKeeping()) {
            next.remove(start);
        } else {
            next.put(start, new Kept(totals.closed(), totals.breached()));
        }
        return new KeptPeriods(next);
    }

    boolean isEmpty() {
        return periods.isEmpty();
    }

    Map<Long, Kept> asMap() {
        return periods;
    }
}
