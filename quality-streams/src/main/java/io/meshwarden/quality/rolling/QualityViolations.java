package io.meshwarden.quality.rolling;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.catalog.Guarantees;
import io.meshwarden.quality.freshness.FreshnessEvent;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Words and measured values of the quality checks' violations, started by {@link ViolationFactory}:
 * {@link ViolationRule#FRESHNESS} (age vs limit in ms) and {@link ViolationRule#COMPLETENESS} or
 * {@link ViolationRule#fieldCompleteness} (ratio vs target, with the window), status BREACH or
 * RECOVERY, no policy set. The occasion is the episode's deadline or the window's end, so a replay
 * after a crash produces the same ids. A freshness violation names its deadline (the newest record
 * time plus the limit); completeness has none on the wall clock (its windows close on event time).
 */
final class QualityViolations {

    private QualityViolations() {
    }

    static Violation freshness(Guarantees product, FreshnessEvent event, long now) {
        String message = event.breach()
                ? String.format(Locale.ROOT, "%s is stale: newest data is %.1f s old, the contract promises at most %.1f s (%s)",
                        event.productId(), event.ageMs() / 1000.0, event.maxAgeMs() / 1000.0, event.reason())
                : String.format(Locale.ROOT, "%s is fresh again: %s", event.productId(), event.reason());
        return ViolationFactory.deadlineViolation(event.productId(), product.domain(), ViolationRule.FRESHNESS,
                        status(event.breach()), Instant.ofEpochMilli(event.deadline()), Instant.ofEpochMilli(now))
                .setContractVersion(product.contractVersion()).setMessage(message)
                .setObservedValue((double) event.ageMs()).setTargetValue((double) event.maxAgeMs())
                .build();
    }

    /** @param ruleId {@code completeness} or {@code completeness.<field>} */
    static Violation completeness(Guarantees product, String ruleId, boolean breach, Double observed, double target,
                                  long windowStart, long windowEnd, long now) {
        ViolationRule rule = ViolationRule.completenessField(ruleId).map(ViolationRule::fieldCompleteness)
                .orElse(ViolationRule.COMPLETENESS);
        String what = ViolationRule.completenessField(ruleId).map(field -> "non-null ratio of " + field).orElse("completeness");
        String message = observed == null
                ? String.format(Locale.ROOT, "%s %s is no longer checked", product.productId(), what)
                : String.format(Locale.ROOT, "%s %s over [%s, %s) is %.2f %%, the contract promises %.2f %%",
                        product.productId(), what, Instant.ofEpochMilli(windowStart), Instant.ofEpochMilli(windowEnd),
                        observed * 100, target * 100);
        return ViolationFactory.violation(product.productId(), product.domain(), rule, status(breach),
                        Long.toString(windowEnd), Instant.ofEpochMilli(now))
                .setContractVersion(product.contractVersion()).setMessage(message)
                .setObservedValue(observed).setTargetValue(target)
                .setWindowStart(Instant.ofEpochMilli(windowStart)).setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .build();
    }

    /**
     * A product's metric was dated further ahead of the wall clock than the allowed skew and refused:
     * its team learns that its clock is wrong. Occasioned by the refused event time, so a replay gives
     * the same id; observed value how far ahead it was, target the skew (ms). A product without a
     * contract yet is named by its id and the domain its id starts with.
     */
    static Violation futureEventTime(String productId, Optional<Guarantees> product, Instant eventTime, long skewMs, long now) {
        String domain = product.map(Guarantees::domain)
                .orElse(productId.indexOf('.') > 0 ? productId.substring(0, productId.indexOf('.')) : productId);
        long ahead = eventTime.toEpochMilli() - now;
        return ViolationFactory.violation(productId, domain, ViolationRule.FUTURE_EVENT_TIME, ViolationStatus.BREACH,
                        Long.toString(eventTime.toEpochMilli()), Instant.ofEpochMilli(now))
                .setContractVersion(product.map(Guarantees::contractVersion).orElse(null))
                .setMessage(String.format(Locale.ROOT, "%s published a metric dated %s, %.1f s ahead of the wall clock"
                        + " (at most %.1f s allowed); it was refused and dead-lettered: the pipeline's clock is wrong",
                        productId, eventTime, ahead / 1000.0, skewMs / 1000.0))
                .setObservedValue((double) ahead).setTargetValue((double) skewMs)
                .build();
    }

    private static ViolationStatus status(boolean breach) {
        return breach ? ViolationStatus.BREACH : ViolationStatus.RECOVERY;
    }
}
