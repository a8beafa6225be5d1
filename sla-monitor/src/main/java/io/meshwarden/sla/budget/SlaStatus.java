package io.meshwarden.sla.budget;

import java.time.Duration;

/**
 * A product's availability over the rolling 1-hour, 24-hour and 30-day windows ending now, and,
 * when its contract guarantees availability, the 30-day error budget left and the burn rates of the
 * 1-hour and 6-hour windows. Availability before the monitor first saw the product counts as up.
 *
 * @param budgetRemaining null without an availability guarantee
 */
public record SlaStatus(boolean down, double availability1h, double availability24h, double availability30d,
                        Double targetPercent, Double budgetRemaining, Double burnRate1h, Double burnRate6h) {
    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration DAY = Duration.ofDays(1);
    public static final Duration MONTH = Duration.ofDays(30);
    static final Duration SIX_HOURS = Duration.ofHours(6);

    public static SlaStatus of(Downtime downtime, Double targetPercent, long now) {
        double hour = availability(downtime, HOUR, now);
        double day = availability(downtime, DAY, now);
        double month = availability(downtime, MONTH, now);
        if (targetPercent == null) {
            return new SlaStatus(downtime.down(), hour, day, month, null, null, null, null);
        }
        ErrorBudget budget = new ErrorBudget(targetPercent);
        return new SlaStatus(downtime.down(), hour, day, month, targetPercent,
                budget.remaining(downMs(downtime, MONTH, now), MONTH.toMillis()),
                budget.burnRate(downMs(downtime, HOUR, now), HOUR.toMillis()),
                budget.burnRate(downMs(downtime, SIX_HOURS, now), SIX_HOURS.toMillis()));
    }

    private static double availability(Downtime downtime, Duration window, long now) {
        return ErrorBudget.availability(downMs(downtime, window, now), window.toMillis());
    }

    private static long downMs(Downtime downtime, Duration window, long now) {
        return downtime.downMs(now - window.toMillis(), now);
    }
}
