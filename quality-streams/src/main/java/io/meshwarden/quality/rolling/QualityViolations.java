package io.meshwarden.quality.rolling;

import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.catalog.Guarantees;
import io.meshwarden.quality.freshness.FreshnessEvent;
import java.time.Instant;
import java.util.Locale;

/**
 * Builds the violations of the quality checks, following the mesh conventions: rule
 * {@code freshness} (FRESHNESS, BLOCKING, age vs limit in ms) and {@code completeness} or
 * {@code completeness.<field>} (COMPLETENESS, WARNING, ratio vs target, with the window), status
 * BREACH or RECOVERY, no policy set. Ids derive from product, rule, status and the episode's
 * deadline or window end, so a replay after a crash produces the same ids.
 */
final class QualityViolations {
    static final String FRESHNESS = "freshness";
    static final String COMPLETENESS = "completeness";

    private QualityViolations() {
    }

    static Violation freshness(Guarantees product, FreshnessEvent event, long now) {
        ViolationStatus status = event.breach() ? ViolationStatus.BREACH : ViolationStatus.RECOVERY;
        String message = event.breach()
                ? String.format(Locale.ROOT, "%s is stale: newest data is %.1f s old, the contract promises at most %.1f s (%s)",
                        event.productId(), event.ageMs() / 1000.0, event.maxAgeMs() / 1000.0, event.reason())
                : String.format(Locale.ROOT, "%s is fresh again: %s", event.productId(), event.reason());
        return base(product, event.productId(), FRESHNESS, status, event.deadline(), now)
                .setCategory(ViolationCategory.FRESHNESS).setSeverity(Severity.BLOCKING).setMessage(message)
                .setObservedValue((double) event.ageMs()).setTargetValue((double) event.maxAgeMs())
                .build();
    }

    static Violation completeness(Guarantees product, String ruleId, boolean breach, Double observed, double target,
                                  long windowStart, long windowEnd, long now) {
        ViolationStatus status = breach ? ViolationStatus.BREACH : ViolationStatus.RECOVERY;
        String what = ruleId.equals(COMPLETENESS) ? "completeness" : "non-null ratio of " + ruleId.substring(COMPLETENESS.length() + 1);
        String message = observed == null
                ? String.format(Locale.ROOT, "%s %s is no longer checked", product.productId(), what)
                : String.format(Locale.ROOT, "%s %s over [%s, %s) is %.2f %%, the contract promises %.2f %%",
                        product.productId(), what, Instant.ofEpochMilli(windowStart), Instant.ofEpochMilli(windowEnd),
                        observed * 100, target * 100);
        return base(product, product.productId(), ruleId, status, windowEnd, now)
                .setCategory(ViolationCategory.COMPLETENESS).setSeverity(Severity.WARNING).setMessage(message)
                .setObservedValue(observed).setTargetValue(target)
                .setWindowStart(Instant.ofEpochMilli(windowStart)).setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .build();
    }

    private static Violation.Builder base(Guarantees product, String productId, String ruleId, ViolationStatus status,
                                          long episode, long now) {
        return Violation.newBuilder()
                .setViolationId(productId + "/" + ruleId + "/" + status.name().toLowerCase(Locale.ROOT) + "/" + episode)
                .setProductId(productId)
                .setDomain(product.domain())
                .setRuleId(ruleId)
                .setStatus(status)
                .setPolicySetId(null)
                .setPolicySetVersion(null)
                .setContractVersion(product.contractVersion())
                .setWindowStart(null)
                .setWindowEnd(null)
                .setSourceChangeId(null)
                .setDetectedAt(Instant.ofEpochMilli(now));
    }
}
