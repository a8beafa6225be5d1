package io.meshwarden.sla.budget;

/**
 * The error budget of an availability guarantee: a target of 99.9 % allows 0.1 % of any period to
 * be down. The burn rate is how fast a window spends it (1 spends exactly the budget over the
 * period; 14.4 spends a 30-day budget in 50 hours), the remaining budget what is left of it.
 * Pure arithmetic.
 *
 * @param targetPercent the guaranteed availability, e.g. 99.9; below 100
 */
public record ErrorBudget(double targetPercent) {
    public ErrorBudget {
        if (!(targetPercent >= 0 && targetPercent < 100)) {
            throw new IllegalArgumentException("an availability target is at least 0 % and below 100 %: " + targetPercent);
        }
    }

    /** The share of time the guarantee allows to be down, e.g. 0.001 for 99.9 %. */
    public double allowedDownFraction() {
        return (100 - targetPercent) / 100;
    }

    /** Availability of a window, in [0, 1]. */
    public static double availability(long downMs, long windowMs) {
        if (windowMs <= 0) {
            throw new IllegalArgumentException("a window has a positive length: " + windowMs);
        }
        return 1 - Math.min(downMs, windowMs) / (double) windowMs;
    }

    /** How many times faster than allowed the window spent budget; 0 with no downtime. */
    public double burnRate(long downMs, long windowMs) {
        return (1 - availability(downMs, windowMs)) / allowedDownFraction();
    }

    /** The share of the period's budget left: 1 untouched, 0 spent, negative when overspent. */
    public double remaining(long downMs, long periodMs) {
        return 1 - burnRate(downMs, periodMs);
    }
}
