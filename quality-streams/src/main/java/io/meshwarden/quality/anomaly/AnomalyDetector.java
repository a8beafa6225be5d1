package io.meshwarden.quality.anomaly;

import io.meshwarden.governance.anomaly.AnomalySettings;
import io.meshwarden.governance.anomaly.Direction;
import io.meshwarden.quality.anomaly.Judgement.Transition;
import io.meshwarden.quality.anomaly.Judgement.Verdict;
import java.time.Duration;

/**
 * Judges one step of one metric against its {@link Baseline} and learns from it when it is normal.
 *
 * <ul>
 * <li>The expected value is the baseline's level times its hour and weekday factors; the standard deviation
 * combines the learned unexplained variance with the metric's sampling noise ({@link MetricKind}), so small
 * products are judged on what their size allows. A small count ({@link CountTail#applies}) is judged by its own
 * tail instead, Poisson or negative binomial with the learned variance as overdispersion, and scored as the
 * standard normal deviation of the same tail probability, so that the sensitivity keeps its meaning.</li>
 * <li>A step is anomalous when it lies more than {@code sensitivity} deviations from the expected value in a
 * flagged direction ({@link MetricKind#HARMLESS_SIDE_FACTOR} times further on the side that does not hurt),
 * or when a CUSUM of standardised deviations on the harmful side (allowance {@link #CUSUM_ALLOWANCE}, limit
 * {@link #CUSUM_LIMIT}) shows a smaller shift held over several steps; and its departure is at least the
 * minimum absolute change.</li>
 * <li>Anomalous steps are not learned from, so an outage does not teach the baseline that zero is normal;
 * after {@link #RELEARN_AFTER} anomalous steps in a row the baseline learns again (a new normal, reported
 * until the band has followed it).</li>
 * <li>An anomaly recovers on the first step back inside the band; one the CUSUM opened, on the first step
 * within {@link #CUSUM_ALLOWANCE} deviation of the expected value on the harmful side.</li>
 * <li>Nothing is flagged while warming up ({@link #WARM_UP} for seasonal kinds, {@link #WARM_UP_STEPS} steps)
 * or in a maintenance window, in which nothing is learned either.</li>
 * </ul>
 */
public final class AnomalyDetector {
    public static final Duration WARM_UP = Duration.ofDays(7);
    public static final int WARM_UP_STEPS = 24;
    static final double CUSUM_ALLOWANCE = 0.75;
    static final double CUSUM_LIMIT = 10.0;
    static final int RELEARN_AFTER = 72;
    private static final double MIN_DEVIATION = 1e-9;

    private final Baseline.Rates rates;

    public AnomalyDetector() {
        this(Baseline.Rates.DEFAULT);
    }

    AnomalyDetector(Baseline.Rates rates) {
        this.rates = rates;
    }

    /**
     * @param records the step's record count (the sample size of a rate)
     */
    public Judgement judge(Baseline baseline, MetricKind kind, AnomalySettings settings, long epochMs, double value,
                           long records) {
        long profileMs = settings.profileMoment(epochMs);
        double expected = baseline.expected(kind, profileMs);
        double scale = scale(kind, expected);
        double deviation = Math.max(Math.sqrt(baseline.variance() * scale * scale + kind.samplingVariance(expected, records)),
                MIN_DEVIATION);
        double k = settings.sensitivity();
        double score;
        double low;
        double high;
        double overdispersion = expected > 0 ? baseline.variance() * scale * scale / (expected * expected) : 0;
        if (kind.counted() && CountTail.applies(expected, overdispersion)) {
            // A small count: its own tail, not a Gaussian's (CountTail), with the learned variance as overdispersion.
            score = baseline.learned() == 0 ? 0 : CountTail.score(value, expected, overdispersion);
            double[] band = CountTail.band(expected, overdispersion, k);
            low = band[0];
            high = band[1];
        } else {
            score = baseline.learned() == 0 ? 0 : (value - expected) / deviation;
            low = Math.max(0, expected - k * deviation);
            high = expected + k * deviation;
        }
        double residual = baseline.learned() == 0 ? 0 : (value - expected) / scale;
        // What the learned variance has to explain is the residual beyond sampling noise, which is added back above.
        double unexplained = Math.max(0, residual * residual - kind.samplingVariance(expected, records) / (scale * scale));
        if (settings.inMaintenance(epochMs)) {
            return new Judgement(Verdict.MAINTENANCE, Transition.NONE, value, expected, low, high, score, baseline);
        }
        if (!baseline.warm(kind, epochMs, WARM_UP.toMillis(), WARM_UP_STEPS)) {
            return new Judgement(Verdict.WARMING_UP, Transition.NONE, value, expected, low, high, score,
                    baseline.learn(kind, epochMs, profileMs, value, unexplained, rates));
        }
        Direction direction = settings.direction().orElse(kind.defaultDirection());
        double harmful = score * kind.harmfulSign();
        boolean outside = harmful > 0 ? harmful > k : -harmful > k * MetricKind.HARMLESS_SIDE_FACTOR;
        boolean departs = Math.abs(value - expected) >= settings.minAbsoluteChange() && value != expected
                && direction.flags(value - expected);
        if (baseline.anomalous()) {
            return whileOpen(baseline, kind, settings, epochMs, profileMs, value, expected, low, high, score,
                    unexplained, departs && (outside || baseline.sustained() && harmful > CUSUM_ALLOWANCE));
        }
        double cusum = Math.max(0, baseline.cusum() + Math.max(-k, Math.min(k, harmful)) - CUSUM_ALLOWANCE);
        boolean shifted = harmful > 0 && cusum > CUSUM_LIMIT;
        if (departs && (outside || shifted)) {
            return new Judgement(Verdict.ANOMALOUS, Transition.OPENED, value, expected, low, high, score,
                    baseline.opened(!outside));
        }
        return new Judgement(Verdict.NORMAL, Transition.NONE, value, expected, low, high, score,
                baseline.withCusum(cusum).learn(kind, epochMs, profileMs, value, unexplained, rates));
    }

    /**
     * A step while an anomaly is open: it stays open while the step is outside the band (for a shift opened by
     * the CUSUM: while it stays more than the allowance on the harmful side), unlearned, unless it has lasted
     * {@link #RELEARN_AFTER} steps; else it recovers and the step is learned.
     */
    private Judgement whileOpen(Baseline baseline, MetricKind kind, AnomalySettings settings, long epochMs, long profileMs,
                                double value, double expected, double low, double high, double score, double unexplained,
                                boolean stillAnomalous) {
        if (stillAnomalous) {
            Baseline kept = baseline.continued();
            if (kept.anomalousRun() > RELEARN_AFTER) {
                double k = settings.sensitivity();
                kept = kept.learn(kind, epochMs, profileMs, value, Math.min(unexplained, baseline.variance() * k * k), rates);
            }
            return new Judgement(Verdict.ANOMALOUS, Transition.NONE, value, expected, low, high, score, kept);
        }
        return new Judgement(Verdict.NORMAL, Transition.RECOVERED, value, expected, low, high, score,
                baseline.recovered().learn(kind, epochMs, profileMs, value, unexplained, rates));
    }

    /** The unit the variance is learned in: the expected value itself for relative kinds, 1 for rates. */
    private static double scale(MetricKind kind, double expected) {
        return kind == MetricKind.NULL_RATE ? 1.0 : Math.max(Math.abs(expected), 1.0);
    }
}
