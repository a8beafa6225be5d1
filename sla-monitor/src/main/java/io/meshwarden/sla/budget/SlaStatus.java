package io.meshwarden.sla.budget;

import io.meshwarden.sla.timeliness.TimeObjective;
import java.time.Duration;

/**
 * A product's availability over the rolling 1-hour, 24-hour and 30-day windows ending now, and,
 * when its contract guarantees availability, the 30-day error budget left and the burn rates of the
 * 1-hour and 6-hour windows. Availability before the monitor first saw the product counts as up.
 * With them, the pipeline's own timeliness objectives: the rolling p99 of the time to detect and
 * the time to notify against the contract's targets.
 *
 * @param budgetRemaining null without an availability guarantee
 */
public record SlaStatus(boolean down, double availability1h, double availability24h, double availability30d,
                        Double targetPercent, Double budgetRemaining, Double burnRate1h, Double burnRate6h,
                        TimeObjective timeToDetect, TimeObjective timeToNotify) {
    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration DAY = Duration.ofDays(1);
    public static final Duration MONTH = Duration.ofDays(30);
    static final Duration SIX_HOURS = Duration.ofHours(6);

    public static SlaStatus of(Downtime downtime, Double targetPercent, long now) {
        double hour = availability(downtime, HOUR, now);
        double day = availability(downtime, DAY, now);
        double month = availability(downtime, MONTH, now);
        TimeObjective unmeasured = TimeObjective.of(null, null, now);
        if (targetPercent == null) {
            return new SlaStatus(downtime.down(), hour, day, month, null, null, null, null, unmeasured, unmeasured);
        }
        ErrorBudget budget = new ErrorBudget(targetPercent);
        return new SlaStatus(downtime.down(), hour, day, month, targetPercent,
                budget.remaining(downMs(downtime, MONTH, now), MONTH.toMillis()),
                budget.burnRate(downMs(downtime, HOUR, now), HOUR.toMillis()),
                budget.burnRate(downMs(downtime, SIX_HOURS, now), SIX_HOURS.toMillis()), unmeasured, unmeasured);
    }

    /** This status with the timeliness objectives measured. */
    public SlaStatus withTimeliness(TimeObjective detect, TimeObjective notify) {
        return new SlaStatus(down, availability1h, availability24h, availability30d, targetPercent, budgetRemaining,
                burnRate1h, burnRate6h, detect, notify);
    }

    private static double availability(Downtime downtime, Duration window, long now) {
        return ErrorBudget.availability(downMs(downtime, window, now), window.toMillis());
    }

    private static long downMs(Downtime downtime, Duration window, long now) {
        return downtime.downMs(now - window.toMillis(), now);
    }
}
