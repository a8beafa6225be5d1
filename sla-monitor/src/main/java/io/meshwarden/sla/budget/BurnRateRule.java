package io.meshwarden.sla.budget;

import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Duration;
import java.util.List;

/**
 * A multi-window burn-rate alert in the manner of the SRE workbook: it fires while both the long
 * window (significant spend) and the short window (still spending now, so it resets quickly after
 * recovery) burn budget at least {@code factor} times faster than allowed.
 *
 * @param ruleId the alert's rule id, e.g. {@code burn-rate.fast}
 */
public record BurnRateRule(String ruleId, Severity severity, double factor, Duration longWindow, Duration shortWindow) {
    /** 2 % of a 30-day budget in one hour: page. */
    public static final BurnRateRule FAST = new BurnRateRule("burn-rate.fast", Severity.BLOCKING, 14.4,
            Duration.ofHours(1), Duration.ofMinutes(5));
    /** 5 % of a 30-day budget in six hours: ticket. */
    public static final BurnRateRule SLOW = new BurnRateRule("burn-rate.slow", Severity.WARNING, 6,
            Duration.ofHours(6), Duration.ofMinutes(30));
    public static final List<BurnRateRule> DEFAULTS = List.of(FAST, SLOW);

    /** What its violations say was broken: this rule, of category AVAILABILITY. */
    public ViolationRule violationRule() {
        return new ViolationRule(ruleId, ViolationCategory.AVAILABILITY, severity);
    }

    /** Whether the rule fires at {@code now} for this downtime and budget. */
    public boolean fires(Downtime downtime, ErrorBudget budget, long now) {
        return burns(downtime, budget, now, longWindow) && burns(downtime, budget, now, shortWindow);
    }

    private boolean burns(Downtime downtime, ErrorBudget budget, long now, Duration window) {
        long ms = window.toMillis();
        return budget.burnRate(downtime.downMs(now - ms, now), ms) >= factor;
    }
}
