package io.meshwarden.quality.anomaly;

import io.meshwarden.governance.anomaly.Direction;
/**
 * What a detected metric is, which decides its model: volumes and measure sums follow the day and the
 * week multiplicatively and carry counting noise; rates and gaps are steady, judged on their own scale.
 */
public enum MetricKind {
    /** Records per step: seasonal; Poisson counting noise (variance = expected) on top of the learned one. */
    VOLUME(true),
    /** The sum of a measure field per step (observed mode): seasonal, learned noise only. */
    MEASURE_SUM(true),
    /** The null rate of a required field per step: steady; binomial noise of the step's record count. */
    NULL_RATE(false),
    /** Milliseconds between two loads: steady, learned noise only. */
    ARRIVAL_GAP(false);

    /** Loads are allowed this much jitter of their usual gap before the learned variance counts. */
    private static final double GAP_JITTER = 0.05;

    private final boolean seasonal;

    MetricKind(boolean seasonal) {
        this.seasonal = seasonal;
    }

    public boolean seasonal() {
        return seasonal;
    }

    /** Whether the metric is a count of records, judged on the count's own tail where it is small ({@link CountTail}). */
    boolean counted() {
        return this == VOLUME;
    }

    /**
     * The sign of the departure that hurts a consumer: -1 for volumes and sums (records lost), +1 for null
     * rates and gaps (data missing, late). That side is judged at the sensitivity and by the CUSUM; the
     * other side, where flagged at all, only by a single step beyond the sensitivity that is also at least
     * {@link #HARMLESS_SIDE_MIN_CHANGE} of the expected value, so that campaign and month-end peaks of a few tens of
     * percent are not incidents, however significant on a large product, while a doubled load is.
     */
    public int harmfulSign() {
        return seasonal ? -1 : 1;
    }

    /** The least relative change on the harmless side that is flagged (beyond the sensitivity): half the expected value. */
    public static final double HARMLESS_SIDE_MIN_CHANGE = 0.5;

    /** The direction flagged when the contract names none: what hurts a consumer. */
    public Direction defaultDirection() {
        return switch (this) {
            case VOLUME, MEASURE_SUM -> Direction.BOTH;
            case NULL_RATE, ARRIVAL_GAP -> Direction.SPIKE;
        };
    }

    /**
     * The variance of pure sampling noise around {@code expected}, for a step of {@code records} records:
     * what a baseline must allow even when its history was smooth, so that a product of five records an hour
     * does not alert on four.
     */
    double samplingVariance(double expected, long records) {
        return switch (this) {
            case VOLUME -> Math.max(expected, 1.0);
            case NULL_RATE -> records <= 0 ? 0.25 : Math.max(expected * (1 - expected), 1.0 / records) / records;
            case ARRIVAL_GAP -> Math.pow(GAP_JITTER * expected, 2);
            case MEASURE_SUM -> 0.0;
        };
    }
}
