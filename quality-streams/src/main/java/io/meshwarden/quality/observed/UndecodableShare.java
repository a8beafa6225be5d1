package io.meshwarden.quality.observed;

import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.catalog.Guarantees;
import io.meshwarden.quality.completeness.Counts;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The share of a product's observed records that did not decode, judged on each window step of the product's quality
 * task against the platform's ceiling ({@code meshwarden.quality.observed.undecodable.max-share}): one BREACH of
 * {@value #RULE_ID} when a step's share exceeds it, nothing while later steps stay above, a RECOVERY at the first step
 * back at or under it. The open state is the completeness windows' set of breached rules, as for completeness itself.
 * A step that read no observed record leaves the state as it was.
 *
 * <p>The counts ride in the observed measurement's {@code fieldInvalidCounts} under keys no Avro field or quality rule
 * path can take ({@value #READ}: one per record read, {@value #UNDECODABLE_PREFIX}{@code <reason>}: one per record that
 * did not decode), so that the step buckets sum them exactly like any other count and no state format changes.
 */
public final class UndecodableShare {
    public static final String RULE_ID = "observed.undecodable";
    /** Records that do not decode against the contract's schema: a schema (or encoding) problem, a warning. */
    public static final ViolationRule RULE = new ViolationRule(RULE_ID, ViolationCategory.SCHEMA, Severity.WARNING);
    /** One record in twenty: far above an occasional poison record, far below a topic in a foreign encoding (all). */
    public static final double DEFAULT_MAX_SHARE = 0.05;
    /** Keys of {@code fieldInvalidCounts} starting with this are observed mode's own: a domain's metric may not send them. */
    public static final String RESERVED_PREFIX = "$";
    static final String READ = "$observed";
    static final String UNDECODABLE_PREFIX = "$undecodable:";

    private UndecodableShare() {
    }

    /** The counts one observed record adds: read, and undecodable for {@code reason} when it did not decode. */
    static Map<String, Long> counts(DeadLetterReason reason) {
        return reason == null ? Map.of(READ, 1L) : Map.of(READ, 1L, UNDECODABLE_PREFIX + reason.headerValue(), 1L);
    }

    /**
     * Judges one closed step of a product: emits a BREACH or a RECOVERY when the state changes and says whether the
     * product is in breach after it. A product no longer checked recovers.
     */
    public static boolean judge(Guarantees product, long stepStart, long stepEnd, Counts step, boolean breachedBefore,
                                double maxShare, long now, Consumer<Violation> out) {
        long read = step.invalid().getOrDefault(READ, 0L);
        if (!product.checked()) {
            if (breachedBefore) {
                out.accept(violation(product, ViolationStatus.RECOVERY, product.productId() + " is no longer checked",
                        null, maxShare, stepStart, stepEnd, now));
            }
            return false;
        }
        if (read == 0) {
            return breachedBefore;
        }
        long undecodable = 0;
        String topReason = null;
        long topCount = 0;
        for (Map.Entry<String, Long> entry : step.invalid().entrySet()) {
            if (entry.getKey().startsWith(UNDECODABLE_PREFIX)) {
                undecodable += entry.getValue();
                // Ties go to the first reason in key order (the map is sorted), so a replay names the same one.
                if (entry.getValue() > topCount) {
                    topCount = entry.getValue();
                    topReason = entry.getKey().substring(UNDECODABLE_PREFIX.length());
                }
            }
        }
        double share = Math.min(1.0, (double) undecodable / read);
        boolean breaking = share > maxShare;
        if (breaking != breachedBefore) {
            String counts = String.format(Locale.ROOT, "%d of the %d records read from its output topics over [%s, %s) did"
                            + " not decode (%.2f %%)", undecodable, read, Instant.ofEpochMilli(stepStart), Instant.ofEpochMilli(stepEnd),
                    share * 100);
            String message = breaking
                    ? String.format(Locale.ROOT, "%s: %s, most of them '%s' (%d); at most %.2f %% may be undecodable", product.productId(),
                            counts, topReason, topCount, maxShare * 100)
                    : String.format(Locale.ROOT, "%s decodes again: %s, at most %.2f %% allowed%s", product.productId(), counts,
                            maxShare * 100, Optional.ofNullable(topReason).map(r -> ", most of them '" + r + "'").orElse(""));
            out.accept(violation(product, breaking ? ViolationStatus.BREACH : ViolationStatus.RECOVERY, message, share, maxShare,
                    stepStart, stepEnd, now));
        }
        return breaking;
    }

    private static Violation violation(Guarantees product, ViolationStatus status, String message, Double share, double maxShare,
                                       long stepStart, long stepEnd, long now) {
        // Occasioned by the step's end, like completeness: a replay after a crash gives the same id.
        return ViolationFactory.violation(product.productId(), product.domain(), RULE, status, Long.toString(stepEnd),
                        Instant.ofEpochMilli(now))
                .setContractVersion(product.contractVersion()).setMessage(message)
                .setObservedValue(share).setTargetValue(maxShare)
                .setWindowStart(Instant.ofEpochMilli(stepStart)).setWindowEnd(Instant.ofEpochMilli(stepEnd))
                .build();
    }

    /** The ceiling as a setting's text gives it: a share from 0 to 1. */
    public static double maxShare(String key, String text) {
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a share from 0 to 1 (0.05 is 5 %), not '" + text + "'", e);
        }
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be a share from 0 to 1 (0.05 is 5 %), not " + text.strip());
        }
        return value;
    }
}
