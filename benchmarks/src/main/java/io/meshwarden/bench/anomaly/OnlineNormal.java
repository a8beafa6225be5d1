package io.meshwarden.bench.anomaly;

/**
 * The baseline detector: a plain non-seasonal 3-sigma test on the running mean and variance of everything
 * seen (Welford), anomalies not learned from, the way Deequ's {@code OnlineNormalStrategy} (with
 * {@code ignoreAnomalies}) and Elementary's z-score tests judge a metric. Same warm-up as Meshwarden's.
 */
final class OnlineNormal {
    private static final double SIGMAS = 3.0;
    private long count;
    private double mean;
    private double squares;

    /** Whether the value is anomalous; learns it when it is not. */
    boolean flag(double value, boolean warm) {
        double deviation = count > 1 ? Math.sqrt(squares / (count - 1)) : 0;
        boolean anomalous = warm && count > 1 && Math.abs(value - mean) > SIGMAS * deviation;
        if (!anomalous) {
            count++;
            double delta = value - mean;
            mean += delta / count;
            squares += delta * (value - mean);
        }
        return anomalous;
    }
}
