package io.meshwarden.schemas.violation;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The one place that starts {@link Violation} events, for every producer of them (contract
 * governance, policy-set admission, the quality checks, the SLA monitor's burn-rate rules). It owns
 * the violation id scheme and sets every field the conventions fix; the caller adds the message
 * and what it measured. A breach of a deadline names it ({@link #deadlineViolation}).
 *
 * <p>A violation id is {@code <subject>/<rule id>/<status>/<occasion>}: the subject is the product
 * id (or a {@link io.meshwarden.schemas.PolicySetSubject}), the occasion what caused it (the change
 * id, an episode's deadline or window end, a policy set's version and publication). Ids are derived
 * only from the event that caused the violation, never from when it was processed, so a replay
 * after a crash yields the same ids and every consumer stays deduplicated.
 */
public final class ViolationFactory {
    public static final char SEPARATOR = '/';

    private ViolationFactory() {
    }

    /** The id of the violation of {@code rule} by {@code subject}, with {@code status}, caused by {@code occasion}. */
    public static String violationId(String subject, ViolationRule rule, ViolationStatus status, String occasion) {
        Objects.requireNonNull(occasion, "occasion");
        return subject + SEPARATOR + rule.ruleId() + SEPARATOR + status.name().toLowerCase(Locale.ROOT) + SEPARATOR
                + occasion;
    }

    /**
     * A violation builder with id, subject, domain, rule, category, severity, status and detection
     * time set, and every optional field explicitly absent. The caller sets the message and what
     * else it knows (policy set, contract version, observed and target values, window, change id).
     */
    public static Violation.Builder violation(String subject, String domain, ViolationRule rule, ViolationStatus status,
                                              String occasion, Instant detectedAt) {
        return Violation.newBuilder()
                .setViolationId(violationId(subject, rule, status, occasion))
                .setProductId(subject)
                .setDomain(domain)
                .setCategory(rule.category())
                .setRuleId(rule.ruleId())
                .setSeverity(rule.severity())
                .setStatus(status)
                .setPolicySetId(null)
                .setPolicySetVersion(null)
                .setContractVersion(null)
                .setObservedValue(null)
                .setTargetValue(null)
                .setWindowStart(null)
                .setWindowEnd(null)
                .setSourceChangeId(null)
                .setDeadline(null)
                .setRejectedChange(false)
                .setDetectedAt(detectedAt);
    }

    /**
     * A violation of a deadline (or the recovery from one): like {@link #violation}, occasioned by
     * the deadline, which the violation names, so that any consumer can measure the time to detect
     * ({@code detectedAt - deadline}).
     */
    public static Violation.Builder deadlineViolation(String subject, String domain, ViolationRule rule,
                                                      ViolationStatus status, Instant deadline, Instant detectedAt) {
        return violation(subject, domain, rule, status, Long.toString(deadline.toEpochMilli()), detectedAt)
                .setDeadline(deadline);
    }
}
