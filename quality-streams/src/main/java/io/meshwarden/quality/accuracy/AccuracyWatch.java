package io.meshwarden.quality.accuracy;

import io.meshwarden.avro.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * ':', the id, '|', the period start; at most horizon / period entries a product) and, per product, the index
 * of its kept periods in {@code quality-accuracy-index-store} ({@link KeptPeriods}): a report costs one lookup
 * and one write of its period, a period's close those and one of the index, never a scan.
 */
public final class AccuracyWatch {
    private static final int TIME_DIGITS = 13;

    private final KeyValueStore<String, PeriodTotals> store;
    private final KeyValueStore<String, KeptPeriods> index;
    private final long horizonMs;

    public AccuracyWatch(KeyValueStore<String, PeriodTotals> store, KeyValueStore<String, KeptPeriods> index, long horizonMs) {
        this.store = store;
        this.index = index;
        this.horizonMs = horizonMs;
    }

    /** What a reconciled product is: its id, domain, contract version, tolerance (a ratio) and period. */
    public record Product(String productId, String domain, String contractVersion, double tolerance, long periodMs) {
        public long periodStart(long time) {
            return Math.floorDiv(time, periodMs) * periodMs;
        }
    }

    /** True while the period that starts here can still take a control total: it ended less than the horizon ago. */
    public boolean withinHorizon(Product product, long periodStart, long productClock) {
        return periodStart >= 0 && product.periodStart(periodStart) + product.periodMs() + horizonMs > productClock;
    }

    /**
     * The source reported control totals for the period holding {@code periodTime}, from a metric of a later
     * period (a restatement); they replace what it reported before, measure by measure. A period the product's
     * clock has closed ({@code closedUpTo}) is judged again at once; an open one when it closes. Reports from
     * the period's own metrics come with the period when it closes.
     */
    public List<Violation> reported(Product product, long periodTime, Map<String, Double> totals, long closedUpTo, long now) {
        long start = product.periodStart(periodTime);
        String key = key(product.productId(), start);
        PeriodTotals stored = store.get(key);
        PeriodTotals before = stored == null ? PeriodTotals.NONE : stored;
        PeriodTotals after = before.reported(totals);
        if (start + product.periodMs() > closedUpTo) {
            // Open: judged when it closes. The index learns of it once, with its first report.
            store.put(key, after);
            if (stored == null) {
                KeptPeriods kept = kept(product.productId());
                index.put(product.productId(), kept.with(start, after));
            }
            return List.of();
        }
        // Closed with nothing kept: nothing was loaded in it.
        after = after.judged(before.closed() ? before.loaded() : Map.of(), product.tolerance());
        return settle(product, kept(product.productId()), List.of(new Update(start, before, after)), now);
    }

    /**
     * The product's period [start, end) closed with these loaded totals and the source's latest control totals
     * its own metrics reported: it is judged (a report naming the period from a later metric wins over them, being
     * later), so are earlier periods that got control totals but in which nothing was loaded, and periods older
     * than the horizon are forgotten.
     */
    public List<Violation> periodClosed(Product product, long start, long end, Map<String, Double> loaded,
                                        Map<String, Double> reported, long now) {
        KeptPeriods kept = kept(product.productId());
        List<Update> updates = new ArrayList<>();
        kept.asMap().forEach((periodStart, period) -> {
            if (periodStart + product.periodMs() + horizonMs <= end) {
                // Only its breaches matter now, and the index has them.
                updates.add(new Update(periodStart, new PeriodTotals(Map.of(), Map.of(), period.closed(), period.breached()), null));
            } else if (!period.closed() && periodStart < start) {
                PeriodTotals open = totals(product, periodStart);
                updates.add(new Update(periodStart, open, open.judged(Map.of(), product.tolerance())));
            }
        });
        PeriodTotals before = totals(product, start);
        PeriodTotals reportedSoFar = reported.isEmpty() ? before
                : new PeriodTotals(reported, before.loaded(), before.closed(), before.breached()).reported(before.control());
        updates.add(new Update(start, before, reportedSoFar.judged(loaded, product.tolerance())));
        return settle(product, kept, updates, now);
    }

    /** One period's change: its totals before and after (null: forgotten). */
    private record Update(long start, PeriodTotals before, PeriodTotals after) {
    }

    /** Writes the updated periods and the index, and returns the violations their change makes. */
    private List<Violation> settle(Product product, KeptPeriods kept, List<Update> updates, long now) {
        Set<String> breachedBefore = kept.breached();
        KeptPeriods next = kept;
        List<Violation> out = new ArrayList<>();
        Map<String, AccuracyViolations.Cause> recovered = new HashMap<>();
        for (Update update : updates) {
            PeriodTotals before = update.before();
            PeriodTotals after = update.after();
            String key = key(product.productId(), update.start());
            if (after == null || !after.worthKeeping()) {
                store.delete(key);
            } else {
                store.put(key, after);
            }
            next = next.with(update.start(), after);
            for (String measure : before.breached()) {
                if (after == null || !after.breached().contains(measure)) {
                    recovered.put(measure, after == null ? AccuracyViolations.Cause.agedOut(update.start())
                            : AccuracyViolations.Cause.judged(update.start(), after, measure));
                }
            }
            if (after != null) {
                for (String measure : after.breached()) {
                    boolean again = before.breached().contains(measure)
                            && before.control().get(measure).equals(after.control().get(measure));
                    if (!again) {
                        out.add(AccuracyViolations.breach(product, measure, update.start(), after, now));
                    }
                }
            }
        }
        if (next.isEmpty()) {
            index.delete(product.productId());
        } else {
            index.put(product.productId(), next);
        }
        Set<String> breachedAfter = next.breached();
        recovered.forEach((measure, cause) -> {
            if (breachedBefore.contains(measure) && !breachedAfter.contains(measure)) {
                out.add(AccuracyViolations.recovery(product, measure, cause, now));
            }
        });
        return out;
    }

    private KeptPeriods kept(String productId) {
        KeptPeriods kept = index.get(productId);
        return kept == null ? KeptPeriods.NONE : kept;
    }

    private PeriodTotals totals(Product product, long start) {
        PeriodTotals totals = store.get(key(product.productId(), start));
        return totals == null ? PeriodTotals.NONE : totals;
    }

    /**
     * The product id's length, ':', the id, '|', the period start zero-padded: no product's keys share a
     * prefix with another's, and a product's periods sort by time (periods before 1970 are not reconciled).
     */
    private static String key(String productId, long start) {
        String digits = Long.toString(start);
        return productId.length() + ":" + productId + "|" + "0".repeat(Math.max(0, TIME_DIGITS - digits.length())) + digits;
    }
}
