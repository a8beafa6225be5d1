package io.meshwarden.quality.accuracy;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Instant;
import java.util.Locale;

/**
 * The words and values of reconciliation's violations ({@link ViolationRule#accuracy}): the measure, the
 * period, the loaded and the source's totals, the deviation and the totals the tolerance allows. Occasioned
 * by the period and the totals judged, so that a replay after a crash gives the same ids and a restatement
 * a new one.
 */
final class AccuracyViolations {
    private AccuracyViolations() {
    }

    /** Why a measure's breach ended: a period judged within tolerance, or the last one out of it left the horizon. */
    record Cause(long periodStart, PeriodTotals totals, String measure) {
        static Cause agedOut(long periodStart) {
            return new Cause(periodStart, null, null);
        }

        static Cause judged(long periodStart, PeriodTotals totals, String measure) {
            return new Cause(periodStart, totals, measure);
        }
    }

    static Violation breach(AccuracyWatch.Product product, String measure, long start, PeriodTotals totals, long now) {
        double source = totals.control().get(measure);
        double loaded = totals.loaded().getOrDefault(measure, 0.0);
        Double deviation = Reconciliation.deviation(loaded, source);
        String message = String.format(Locale.ROOT, "%s %s over %s: loaded %s, the source reports %s (%s; tolerance %s)",
                product.productId(), measure, period(product, start), number(loaded), number(source),
                deviation == null ? "the source reports none" : percent(deviation) + " off", tolerance(product));
        return values(product, measure, ViolationStatus.BREACH, start, occasion(start, source, loaded), now, message)
                .setObservedValue(loaded).setTargetValue(source).setDeviation(deviation)
                .setExpectedLow(Reconciliation.low(source, product.tolerance()))
                .setExpectedHigh(Reconciliation.high(source, product.tolerance())).build();
    }

    static Violation recovery(AccuracyWatch.Product product, String measure, Cause cause, long now) {
        long start = cause.periodStart();
        if (cause.totals() == null) {
            String message = String.format(Locale.ROOT, "%s %s: no kept period is out of tolerance any more; %s left the "
                            + "restatement horizon without a restatement, its totals can no longer change",
                    product.productId(), measure, period(product, start));
            return values(product, measure, ViolationStatus.RECOVERY, start, "aged:" + start, now, message).build();
        }
        Double source = cause.totals().control().get(measure);
        double loaded = cause.totals().loaded().getOrDefault(measure, 0.0);
        if (source == null) {
            String message = String.format(Locale.ROOT, "%s %s over %s: the source no longer reports a total",
                    product.productId(), measure, period(product, start));
            return values(product, measure, ViolationStatus.RECOVERY, start, "unreported:" + start, now, message).build();
        }
        Double deviation = Reconciliation.deviation(loaded, source);
        String message = String.format(Locale.ROOT, "%s %s over %s: loaded %s, the source reports %s (%s off; within the "
                        + "tolerance %s), and no other kept period is out of it", product.productId(), measure,
                period(product, start), number(loaded), number(source), percent(deviation == null ? 0 : deviation),
                tolerance(product));
        return values(product, measure, ViolationStatus.RECOVERY, start, occasion(start, source, loaded), now, message)
                .setObservedValue(loaded).setTargetValue(source).setDeviation(deviation)
                .setExpectedLow(Reconciliation.low(source, product.tolerance()))
                .setExpectedHigh(Reconciliation.high(source, product.tolerance())).build();
    }

    private static Violation.Builder values(AccuracyWatch.Product product, String measure, ViolationStatus status, long start,
                                            String occasion, long now, String message) {
        return ViolationFactory.violation(product.productId(), product.domain(), ViolationRule.accuracy(measure), status,
                        occasion, Instant.ofEpochMilli(now))
                .setContractVersion(product.contractVersion()).setMessage(message)
                .setWindowStart(Instant.ofEpochMilli(start)).setWindowEnd(Instant.ofEpochMilli(start + product.periodMs()));
    }

    private static String occasion(long start, double source, double loaded) {
        return start + ":" + source + ":" + loaded;
    }

    private static String period(AccuracyWatch.Product product, long start) {
        return "[" + Instant.ofEpochMilli(start) + ", " + Instant.ofEpochMilli(start + product.periodMs()) + ")";
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%+.2f %%", ratio * 100).replace("+0.00", "0.00");
    }

    private static String tolerance(AccuracyWatch.Product product) {
        return String.format(Locale.ROOT, "%.2f %%", product.tolerance() * 100);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
