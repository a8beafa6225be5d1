package io.meshwarden.sla.timeliness;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.schemas.violation.ViolationRule;
import io.meshwarden.sla.budget.BurnRateRule;
import java.util.function.Function;

/**
 * The two latencies of the pipeline itself that a contract can bound (ODCS {@code timeToDetect} and
 * {@code timeToNotify}): from a missed deadline to its breach event ({@code detectedAt - deadline}
 * of a violation that names its deadline), and from a breach event to the alert it opens (the alert's
 * emission by the SLA monitor minus the breach's {@code detectedAt}).
 */
public enum TimeMeasure {
    DETECT("time to detect", ViolationRule.TIME_TO_DETECT, QualityGuarantees::getTimeToDetectMs),
    NOTIFY("time to notify", ViolationRule.TIME_TO_NOTIFY, QualityGuarantees::getTimeToNotifyMs);

    private final String description;
    private final ViolationRule rule;
    private final Function<QualityGuarantees, Long> target;

    TimeMeasure(String description, ViolationRule rule, Function<QualityGuarantees, Long> target) {
        this.description = description;
        this.rule = rule;
        this.target = target;
    }

    public String description() {
        return description;
    }

    /** The rule of the violation raised when this measure's p99 exceeds its target. */
    public ViolationRule rule() {
        return rule;
    }

    /** The contract's target in ms, or null when it sets none. */
    public Long target(DataProductContract contract) {
        return contract == null || contract.getGuarantees() == null ? null : target.apply(contract.getGuarantees());
    }

    /**
     * Whether the SLA monitor raised this rule's violations itself (these measures' own signals, the
     * burn-rate rules): their alerts open in the same step by construction, so measuring them would
     * only pull the p99 down, and these measures would measure themselves.
     */
    public static boolean raisedByTheMonitor(String ruleId) {
        return ruleId.equals(DETECT.rule.ruleId()) || ruleId.equals(NOTIFY.rule.ruleId())
                || BurnRateRule.DEFAULTS.stream().anyMatch(rule -> rule.ruleId().equals(ruleId));
    }
}
