package io.meshwarden.quality.completeness;

import java.util.Set;
import java.util.TreeSet;

/**
 * One product's rolling window as of its last closed step: the window's end, its period, the sum
 * of the step buckets inside it, and the completeness rules ({@code completeness},
 * {@code completeness.<field>}) in breach, so a breach is reported once per episode.
 */
public record WindowState(long closedEnd, long periodMs, Counts sum, Set<String> breached) {

    public WindowState {
        breached = Set.copyOf(new TreeSet<>(breached));
    }

    static WindowState open(long closedEnd, long periodMs) {
        return new WindowState(closedEnd, periodMs, Counts.ZERO, Set.of());
    }

    WindowState with(long end, Counts newSum, Set<String> nowBreached) {
        return new WindowState(end, periodMs, newSum, nowBreached);
    }

    WindowState withPeriod(long newPeriodMs, Counts newSum) {
        return new WindowState(closedEnd, newPeriodMs, newSum, breached);
    }
}
