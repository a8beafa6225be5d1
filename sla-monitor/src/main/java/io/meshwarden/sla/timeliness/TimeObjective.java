package io.meshwarden.sla.timeliness;

/**
 * One of a product's timeliness objectives as the SLA status shows it: the measured p99 over the
 * rolling window ({@link LatencyHistogram}), the samples it rests on, the contract's target, and
 * whether the p99 meets it (null while either is unknown).
 *
 * @param p99Ms    null without samples in the window
 * @param targetMs null when the contract sets no target
 */
public record TimeObjective(Long p99Ms, long samples, Long targetMs, Boolean met) {

    public static TimeObjective of(LatencyHistogram histogram, Long targetMs, long now) {
        Long p99 = histogram == null ? null : histogram.p99(now);
        return new TimeObjective(p99, histogram == null ? 0 : histogram.count(now), targetMs,
                p99 == null || targetMs == null ? null : p99 <= targetMs);
    }

    /** Whether the measured p99 is over the target: the objective is breached. */
    public boolean missed() {
        return Boolean.FALSE.equals(met);
    }
}
