package io.meshwarden.quality.accuracy;

import io.meshwarden.avro.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reconciles each of a product's periods (its completeness window, tumbling) against the source
 * platform: per measure, the total the pipeline loaded in the period against the source's control total
 * for it. A period is judged when it closes, and again whenever the source restates its totals later,
 * for as long as the restatement horizon keeps the period.
 *
 * <p>A measure is in breach while any kept period of it is out of tolerance: a correct day does not make
 * yesterday's spend right. Each period that goes out of tolerance is an ACCURACY BREACH naming the measure,
 * both totals and the deviation; the RECOVERY comes when no kept period is out of tolerance any more,
 * because the source restated it or the pipeline's totals matched, or because the period left the horizon
 * (the message says which). Reads and writes {@code quality-accuracy-store} (key: the product id's length,
 * ':', the id, '|', the period start; at most horizon / period entries a product).
 */
public final class AccuracyWatch {
    private static final StringSerializer KEYS = new StringSerializer();
    private static final int TIME_DIGITS = 13;

    private final KeyValueStore<String, PeriodTotals> store;
    private final long horizonMs;

    public AccuracyWatch(KeyValueStore<String, PeriodTotals> store, long horizonMs) {
        this.store = store;
        this.horizonMs = horizonMs;
    }

    /** What a reconciled product is: its id, domain, contract version, tolerance (a ratio) and period. */
    public record Product(String productId, String domain, String contractVersion, double tolerance, long periodMs) {
        long periodStart(long time) {
            return Math.floorDiv(time, periodMs) * periodMs;
        }
    }

    /** True while the period that starts here can still take a control total: it ended less than the horizon ago. */
    public boolean withinHorizon(Product product, long periodStart, long productClock) {
        return product.periodStart(periodStart) + product.periodMs() + horizonMs > productClock;
    }

    public long horizonMs() {
        return horizonMs;
    }

    /**
     * The source reported control totals for the period holding {@code periodTime}; they replace what it
     * reported before, measure by measure. A period the product's clock has closed ({@code closedUpTo}) is
     * judged again at once; an open one when it closes.
     */
    public List<Violation> reported(Product product, long periodTime, Map<String, Double> totals, long closedUpTo, long now) {
        long start = product.periodStart(periodTime);
        Map<Long, PeriodTotals> periods = periods(product);
        PeriodTotals before = periods.getOrDefault(start, PeriodTotals.NONE);
        PeriodTotals after = before.reported(totals);
        if (start + product.periodMs() <= closedUpTo) {
            // Closed with nothing kept: nothing was loaded in it.
            after = after.judged(before.closed() ? before.loaded() : Map.of(), product.tolerance());
        }
        Map<Long, PeriodTotals> updates = new TreeMap<>();
        updates.put(start, after);
        return settle(product, periods, updates, now);
    }

    /**
     * The product's period [start, end) closed with these loaded totals: it is judged, so are earlier
     * periods that got control totals but in which nothing was loaded, and periods older than the horizon
     * are forgotten.
     */
    public List<Violation> periodClosed(Product product, long start, long end, Map<String, Double> loaded, long now) {
        Map<Long, PeriodTotals> periods = periods(product);
        Map<Long, PeriodTotals> updates = new TreeMap<>();
        periods.forEach((periodStart, totals) -> {
            if (periodStart + product.periodMs() + horizonMs <= end) {
                updates.put(periodStart, null);
            } else if (!totals.closed() && periodStart < start) {
                updates.put(periodStart, totals.judged(Map.of(), product.tolerance()));
            }
        });
        updates.put(start, periods.getOrDefault(start, PeriodTotals.NONE).judged(loaded, product.tolerance()));
        return settle(product, periods, updates, now);
    }

    /** The kept periods out of tolerance, by measure (what a breach names while it is open). */
    public Map<String, Set<Long>> breached(String productId) {
        Map<String, Set<Long>> out = new TreeMap<>();
        periods(productId).forEach((start, totals) -> totals.breached()
                .forEach(measure -> out.computeIfAbsent(measure, m -> new TreeSet<>()).add(start)));
        return out;
    }

    /** Writes the updated periods (null: forgotten) and returns the violations their change makes. */
    private List<Violation> settle(Product product, Map<Long, PeriodTotals> periods, Map<Long, PeriodTotals> updates, long now) {
        Set<String> breachedBefore = union(periods);
        Map<Long, PeriodTotals> after = new TreeMap<>(periods);
        List<Violation> out = new ArrayList<>();
        Map<String, AccuracyViolations.Cause> recovered = new HashMap<>();
        updates.forEach((start, totals) -> {
            PeriodTotals before = periods.getOrDefault(start, PeriodTotals.NONE);
            String key = key(product.productId(), start);
            if (totals == null || !totals.worthKeeping()) {
                store.delete(key);
                after.remove(start);
            } else {
                store.put(key, totals);
                after.put(start, totals);
            }
            for (String measure : before.breached()) {
                if (totals == null || !totals.breached().contains(measure)) {
                    recovered.put(measure, totals == null ? AccuracyViolations.Cause.agedOut(start)
                            : AccuracyViolations.Cause.judged(start, totals, measure));
                }
            }
            if (totals != null) {
                for (String measure : totals.breached()) {
                    boolean again = before.breached().contains(measure)
                            && before.control().get(measure).equals(totals.control().get(measure));
                    if (!again) {
                        out.add(AccuracyViolations.breach(product, measure, start, totals, now));
                    }
                }
            }
        });
        Set<String> breachedAfter = union(after);
        recovered.forEach((measure, cause) -> {
            if (breachedBefore.contains(measure) && !breachedAfter.contains(measure)) {
                out.add(AccuracyViolations.recovery(product, measure, cause, now));
            }
        });
        return out;
    }

    private static Set<String> union(Map<Long, PeriodTotals> periods) {
        Set<String> measures = new TreeSet<>();
        periods.values().forEach(totals -> measures.addAll(totals.breached()));
        return measures;
    }

    private Map<Long, PeriodTotals> periods(Product product) {
        return periods(product.productId());
    }

    private Map<Long, PeriodTotals> periods(String productId) {
        Map<Long, PeriodTotals> periods = new TreeMap<>();
        String prefix = prefix(productId);
        try (KeyValueIterator<String, PeriodTotals> all = store.prefixScan(prefix, KEYS)) {
            while (all.hasNext()) {
                KeyValue<String, PeriodTotals> entry = all.next();
                periods.put(Long.parseLong(entry.key.substring(prefix.length())), entry.value);
            }
        }
        return periods;
    }

    /** Length-prefixed, so that no product's keys share a prefix with another's, whatever its id holds. */
    private static String prefix(String productId) {
        return productId.length() + ":" + productId + "|";
    }

    /** Periods sort by time within a product (zero-padded; periods before 1970 are not reconciled). */
    private static String key(String productId, long start) {
        String digits = Long.toString(Math.max(0, start));
        return prefix(productId) + "0".repeat(Math.max(0, TIME_DIGITS - digits.length())) + digits;
    }
}
