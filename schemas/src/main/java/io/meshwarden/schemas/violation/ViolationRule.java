package io.meshwarden.schemas.violation;

import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import java.util.Objects;
import java.util.Optional;

/**
 * What a violation says was broken: the rule id (a policy rule's own id or an SLA kind), its
 * category and its severity. The rules that Meshwarden itself checks are named here, once; the
 * SLA monitor, quality-streams, the CLI and the benchmarks all refer to these constants.
 *
 * <p>Rule ids never hold '/': violation and alert ids use it as their separator.
 */
public record ViolationRule(String ruleId, ViolationCategory category, Severity severity) {
    /** A product's newest data is older than its freshness guarantee (or recovered from it). */
    public static final ViolationRule FRESHNESS = new ViolationRule("freshness", ViolationCategory.FRESHNESS,
            Severity.BLOCKING);
    /** Records received over records expected fell below the completeness guarantee. */
    public static final ViolationRule COMPLETENESS = new ViolationRule("completeness", ViolationCategory.COMPLETENESS,
            Severity.WARNING);
    /** A published policy set was refused (it does not compile, goes back a version, or loosens the global set). */
    public static final ViolationRule POLICY_SET_ADMISSION = new ViolationRule("policy-set.admission",
            ViolationCategory.POLICY, Severity.BLOCKING);
    /**
     * A new version of the global policy set loosens the one in force and is held until two stewards
     * approve it (BREACH, naming each loosening), or was approved and is in force (RECOVERY).
     */
    public static final ViolationRule POLICY_SET_PROPOSAL = new ViolationRule("policy-set.proposal",
            ViolationCategory.POLICY, Severity.WARNING);
    /**
     * An approval of a held policy set that does not count: its approver is not a configured steward,
     * already approved it, or no proposal of that version is held. Worth an operator's look: someone
     * tried to switch governance rules without the right to.
     */
    public static final ViolationRule POLICY_SET_APPROVAL = new ViolationRule("policy-set.approval",
            ViolationCategory.POLICY, Severity.WARNING);
    /**
     * A product's pipeline published a metric dated further ahead of the wall clock than the allowed
     * skew: its clock is wrong. The metric was refused (dead-lettered {@code future-event-time}).
     */
    public static final ViolationRule FUTURE_EVENT_TIME = new ViolationRule("clock.future-event-time",
            ViolationCategory.OTHER, Severity.WARNING);

    /**
     * The p99 of the time from a missed deadline to its breach event, over the SLA monitor's rolling
     * window, exceeds the contract's {@code timeToDetectMs} (or came back under it).
     */
    public static final ViolationRule TIME_TO_DETECT = new ViolationRule("sla.time-to-detect", ViolationCategory.OTHER,
            Severity.WARNING);
    /**
     * The p99 of the time from a breach event to its alert, over the SLA monitor's rolling window,
     * exceeds the contract's {@code timeToNotifyMs} (or came back under it).
     */
    public static final ViolationRule TIME_TO_NOTIFY = new ViolationRule("sla.time-to-notify", ViolationCategory.OTHER,
            Severity.WARNING);

    /**
     * The latest schema registered for a product's output topic is one its contract does not describe (a field the
     * contract does not name, or of another type), or cannot be read with the compatibility the contract declares
     * (BREACH, naming the subject, its version and the first differing field), or is described again (RECOVERY).
     */
    public static final ViolationRule REGISTRY_DRIFT = new ViolationRule("schema.registry-drift", ViolationCategory.SCHEMA,
            Severity.WARNING);
    /**
     * A consumer group still reads a deprecated version after its sunset (BREACH, subject: the product the group is named
     * after, else the deprecated version), or stopped reading it, or the version left the catalog's deprecated ones (RECOVERY).
     */
    public static final ViolationRule PAST_SUNSET = new ViolationRule("lifecycle.past-sunset", ViolationCategory.LIFECYCLE,
            Severity.BLOCKING);

    private static final String FIELD_COMPLETENESS_PREFIX = COMPLETENESS.ruleId() + ".";
    private static final String ANOMALY_PREFIX = "anomaly.";
    private static final String ACCURACY_PREFIX = "accuracy.";
    private static final String QUALITY_RULE_PREFIX = "quality:";
    private static final String PROVISIONING_REFUSED_PREFIX = "provisioning.refused.";
    private static final String PROVISIONING_DRIFT_PREFIX = "provisioning.drift.";

    public ViolationRule {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        if (ruleId.isEmpty() || ruleId.indexOf('/') >= 0) {
            throw new IllegalArgumentException("a rule id is not empty and holds no '/': '" + ruleId + "'");
        }
    }

    /** The non-null ratio of one required field fell below the completeness guarantee: {@code completeness.<field>}. */
    public static ViolationRule fieldCompleteness(String field) {
        return new ViolationRule(FIELD_COMPLETENESS_PREFIX + field, COMPLETENESS.category(), COMPLETENESS.severity());
    }

    /**
     * A quality rule the contract declares (an ODCS {@code quality[]} entry) failed on a window step:
     * {@code quality:<path>}, the path naming the rule where it stands in the contract, e.g.
     * {@code quality:$.schema[0].properties[2].quality[0]}.
     */
    public static ViolationRule qualityRule(String path, ViolationCategory category, Severity severity) {
        return new ViolationRule(QUALITY_RULE_PREFIX + path, category, severity);
    }

    /** The contract path a {@link #qualityRule} rule id names; empty for any other rule id. */
    public static Optional<String> qualityRulePath(String ruleId) {
        return ruleId.startsWith(QUALITY_RULE_PREFIX)
                ? Optional.of(ruleId.substring(QUALITY_RULE_PREFIX.length()))
                : Optional.empty();
    }

    /**
     * A product's metric left the band its anomaly detector expected ({@code anomaly.<metric>}: {@code volume},
     * {@code null-rate.<field>}, {@code arrival-gap}), or came back into it. A warning: an anomaly is a
     * question to the product's team, not a broken promise.
     */
    public static ViolationRule anomaly(String metric) {
        return new ViolationRule(ANOMALY_PREFIX + metric, ViolationCategory.ANOMALY, Severity.WARNING);
    }

    /**
     * A window's loaded total of one measure ({@code accuracy.<measure>}) deviates from the source platform's
     * control total by more than the contract's accuracy tolerance, or no longer does. The contract's own
     * guarantee, broken: a breach as much as completeness is.
     */
    public static ViolationRule accuracy(String measure) {
        return new ViolationRule(ACCURACY_PREFIX + measure, ViolationCategory.ACCURACY, Severity.WARNING);
    }

    /**
     * A newly accepted contract asks its output topic for a change that provisioning will not make, since it would
     * shrink the topic or lose data ({@code provisioning.refused.<setting>}: {@code partitions}, {@code retention.ms},
     * {@code cleanup.policy}, or {@code topic} for a topic that is not the product's to shape), or no longer does.
     * A warning: the contract is in force; its topic keeps its shape until an operator decides.
     */
    public static ViolationRule provisioningRefused(String setting) {
        return new ViolationRule(PROVISIONING_REFUSED_PREFIX + setting, provisioningCategory(setting), Severity.WARNING);
    }

    /**
     * A product topic differs from its contract in a setting ({@code provisioning.drift.<setting>}) after it was
     * provisioned (changed out of band), or no longer does.
     */
    public static ViolationRule provisioningDrift(String setting) {
        return new ViolationRule(PROVISIONING_DRIFT_PREFIX + setting, provisioningCategory(setting), Severity.WARNING);
    }

    private static ViolationCategory provisioningCategory(String setting) {
        return setting.startsWith("retention.") ? ViolationCategory.RETENTION : ViolationCategory.OTHER;
    }

    /** The field a {@link #fieldCompleteness} rule id is about; empty for any other rule id. */
    public static Optional<String> completenessField(String ruleId) {
        return ruleId.startsWith(FIELD_COMPLETENESS_PREFIX)
                ? Optional.of(ruleId.substring(FIELD_COMPLETENESS_PREFIX.length()))
                : Optional.empty();
    }
}
