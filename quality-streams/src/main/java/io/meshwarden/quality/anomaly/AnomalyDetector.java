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
 * flagged direction (on the side that does not hurt, only when it is also at least
 * {@link MetricKind#HARMLESS_SIDE_MIN_CHANGE} of the expected value), or when a CUSUM of standardised deviations
 * on the harmful side shows a smaller shift held over several steps; and its departure is at least the minimum
 * absolute change. The CUSUM is {@link Cusum#COUNTED} where a small count is scored by its exact tail (the scores
 * of successive steps are then independent and exact), the more cautious {@link Cusum#LEARNED} where the learned
 * noise dominates, whose errors run over several steps.</li>
 * <li>Anomalous steps are not learned from, so an outage does not teach the baseline that zero is normal;
 * after {@link #RELEARN_AFTER} anomalous steps in a row the baseline learns again (a new normal, reported
 * until the band has followed it). A step outside the band that is not flagged (a rise too small to be an
 * incident, a direction the contract does not flag, a change below the minimum) is learned as if it were on the
 * band's edge, so that a month-end peak does not teach next week's same weekday to expect it.</li>
 * <li>An anomaly recovers on the first step back inside the band; one the CUSUM opened, on the first step
 * within the CUSUM's allowance of the expected value on the harmful side.</li>
 * <li>Nothing is flagged while warming up ({@link #WARM_UP} for seasonal kinds, {@link #WARM_UP_STEPS} steps)
 * or in a maintenance window, in which nothing is learned either.</li>
 * </ul>
 */
public final class AnomalyDetector {
    public static final Duration WARM_UP = Duration.ofDays(7);
    public static final int WARM_UP_STEPS = 24;
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
        double learnedVariance = baseline.learnedVariance();
        double deviation = Math.max(Math.sqrt(learnedVariance * scale * scale + kind.samplingVariance(expected, records)),
                MIN_DEVIATION);
        double k = settings.sensitivity();
        double score;
        double low;
        double high;
        double overdispersion = expected > 0 ? learnedVariance * scale * scale / (expected * expected) : 0;
        boolean counted = kind.counted() && CountTail.applies(expected, overdispersion);
        Cusum cusumKind = counted ? Cusum.COUNTED : Cusum.LEARNED;
        if (counted) {
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
        Unexplained residuals = new Unexplained(kind, baseline.learned() > 0, expected, scale, records, counted);
        double unexplained = residuals.of(value);
        if (settings.inMaintenance(epochMs)) {
            return new Judgement(Verdict.MAINTENANCE, Transition.NONE, value, expected, low, high, score, baseline);
        }
        if (!baseline.warm(kind, epochMs, WARM_UP.toMillis(), WARM_UP_STEPS)) {
            return new Judgement(Verdict.WARMING_UP, Transition.NONE, value, expected, low, high, score,
                    baseline.learn(kind, epochMs, profileMs, value, unexplained, rates));
        }
        Direction direction = settings.direction().orElse(kind.defaultDirection());
        double harmful = score * kind.harmfulSign();
        boolean outside = harmful > 0 ? harmful > k
                : -harmful > k && Math.abs(value - expected) >= MetricKind.HARMLESS_SIDE_MIN_CHANGE * Math.abs(expected);
        boolean departs = Math.abs(value - expected) >= settings.minAbsoluteChange() && value != expected
                && direction.flags(value - expected);
        if (baseline.anomalous()) {
            return whileOpen(baseline, kind, settings, epochMs, profileMs, value, expected, low, high, score,
                    unexplained, departs && (outside || baseline.sustained() && harmful > cusumKind.allowance()));
        }
        double cusum = Math.max(0, baseline.cusum() + Math.max(-k, Math.min(k, harmful)) - cusumKind.allowance());
        boolean shifted = harmful > 0 && cusum > cusumKind.limit();
        if (departs && (outside || shifted)) {
            return new Judgement(Verdict.ANOMALOUS, Transition.OPENED, value, expected, low, high, score,
                    baseline.opened(!outside));
        }
        // Outside the band but not flagged: learned as if on its edge (see the class comment).
        double learnedValue = Math.max(low, Math.min(high, value));
        return new Judgement(Verdict.NORMAL, Transition.NONE, value, expected, low, high, score,
                baseline.withCusum(cusum).learn(kind, epochMs, profileMs, learnedValue, residuals.of(learnedValue), rates));
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
                kept = kept.learn(kind, epochMs, profileMs, value, Math.min(unexplained, baseline.learnedVariance() * k * k), rates);
            }
            return new Judgement(Verdict.ANOMALOUS, Transition.NONE, value, expected, low, high, score, kept);
        }
        return new Judgement(Verdict.NORMAL, Transition.RECOVERED, value, expected, low, high, score,
                baseline.recovered().learn(kind, epochMs, profileMs, value, unexplained, rates));
    }

    /**
     * A one-sided CUSUM's allowance (standardised deviations a step may be off without counting) and limit (the sum
     * that opens an anomaly). {@code COUNTED} has an average run of about a year of hourly steps between false alarms
     * on independent exact scores; {@code LEARNED} is more cautious because a learned profile's errors are not
     * independent from step to step.
     */
    record Cusum(double allowance, double limit) {
        static final Cusum COUNTED = new Cusum(0.5, 7.0);
        static final Cusum LEARNED = new Cusum(0.75, 10.0);
    }

    /**
     * What the learned variance has to explain of a step: its squared residual beyond the sampling noise, which the
     * deviation adds back. Where a small count is judged by its tail the estimate is kept signed: clipping it at
     * zero would bias it up by about half the counting noise at every quiet hour, and in the expected value's unit
     * a quiet hour's bias is a busy hour's overdispersion. Elsewhere, where the learned noise dominates, it is
     * clipped at zero, the conservative side.
     */
    private record Unexplained(MetricKind kind, boolean judged, double expected, double scale, long records,
                               boolean signed) {
        double of(double value) {
            double residual = judged ? (value - expected) / scale : 0;
            double beyondSampling = residual * residual - kind.samplingVariance(expected, records) / (scale * scale);
            return signed ? beyondSampling : Math.max(0, beyondSampling);
        }
    }

    /** The unit the variance is learned in: the expected value itself for relative kinds, 1 for rates. */
    private static double scale(MetricKind kind, double expected) {
        return kind == MetricKind.NULL_RATE ? 1.0 : Math.max(Math.abs(expected), 1.0);
    }
}
