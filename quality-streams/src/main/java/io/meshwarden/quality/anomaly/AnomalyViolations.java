package io.meshwarden.quality.anomaly;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.anomaly.Judgement.Transition;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Instant;
import java.util.Locale;

/**
 * The words and values of an anomaly detector's violations ({@link ViolationRule#anomaly}): the metric, the
 * observed and expected values, the band and the score; occasioned by the period's end (the load's time for
 * a gap), so that a replay after a crash gives the same ids.
 */
final class AnomalyViolations {
    private AnomalyViolations() {
    }

    static Violation of(AnomalyWatch.Product product, String metric, Judgement judgement, long start, long end, long now) {
        boolean breach = judgement.transition() == Transition.OPENED;
        String when = start == end ? "at " + Instant.ofEpochMilli(end)
                : "over [" + Instant.ofEpochMilli(start) + ", " + Instant.ofEpochMilli(end) + ")";
        String message = String.format(Locale.ROOT, breach
                        ? "%s %s %s is %s, expected %s (band %s to %s, %.1f standard deviations %s)"
                        : "%s %s %s is %s, back in its band (expected %s, band %s to %s, %.1f standard deviations %s)",
                product.productId(), metric, when, number(judgement.observed()), number(judgement.expected()),
                number(judgement.low()), number(judgement.high()), Math.abs(judgement.score()),
                judgement.score() < 0 ? "below" : "above");
        Violation.Builder violation = ViolationFactory.violation(product.productId(), product.domain(),
                        ViolationRule.anomaly(metric), breach ? ViolationStatus.BREACH : ViolationStatus.RECOVERY,
                        Long.toString(end), Instant.ofEpochMilli(now))
                .setContractVersion(product.contractVersion()).setMessage(message)
                .setObservedValue(judgement.observed()).setTargetValue(judgement.expected())
                .setExpectedLow(judgement.low()).setExpectedHigh(judgement.high()).setAnomalyScore(judgement.score());
        if (start != end) {
            violation.setWindowStart(Instant.ofEpochMilli(start)).setWindowEnd(Instant.ofEpochMilli(end));
        }
        return violation.build();
    }

    private static String number(double value) {
        return Math.abs(value) >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
