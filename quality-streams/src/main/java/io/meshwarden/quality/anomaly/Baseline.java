package io.meshwarden.quality.anomaly;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * What one detector has learned of one metric of one product, updated incrementally at each step (no
 * history is re-read): a level, an hour-of-day and a day-of-week profile multiplying it (seasonal kinds
 * only), and the variance of what they do not explain, all exponentially decayed; plus the two one-sided
 * CUSUM sums that catch a small shift sustained over several steps, and the open anomaly, if any.
 *
 * <p>Immutable: {@link #learn} and the other transitions return a new value, so that the store holds exactly
 * what was judged. A profile bucket that has not been seen often enough yet counts as 1 (the non-seasonal
 * estimate) until it has. Each part starts as a plain running mean (weight 1/n for its n-th sample) until that is
 * lighter than its decay rate, so that the first week's estimates are averages, not the weight of whatever came
 * first.
 *
 * @param learned       steps learned from
 * @param firstLearned  epoch ms of the first step learned from; 0 before any
 * @param level         the deseasonalized level
 * @param hourly        hour-of-day factors (UTC), 24
 * @param hourlySeen    how often each hour was learned from
 * @param weekly        day-of-week factors, 7 (Monday first)
 * @param weeklySeen    how often each day was learned from (one per step)
 * @param variance      of the unexplained part: relative to the expected value for seasonal kinds and gaps,
 *                      absolute for rates; may fall below zero where it is learned signed (a small count's, see
 *                      {@link AnomalyDetector}), and is then used as zero ({@link #learnedVariance})
 * @param cusum         one-sided CUSUM of standardised departures on the harmful side
 * @param anomalousRun  consecutive steps judged anomalous; 0 when no anomaly is open
 * @param sustained     whether the open anomaly was opened by the CUSUM alone (a shift, no single step outside)
 */
public record Baseline(long learned, long firstLearned, double level, double[] hourly, int[] hourlySeen,
                       double[] weekly, int[] weeklySeen, double variance, double cusum, int anomalousRun,
                       boolean sustained) {
    static final int HOURS = 24;
    static final int DAYS = 7;
    /** An hour's factor is used once it was seen on this many days. */
    static final int HOUR_WARM = 2;
    /** A weekday's factor is used once this many of its steps were seen. */
    static final int DAY_WARM = 12;
    private static final Baseline EMPTY = empty();

    public Baseline {
        hourly = hourly.clone();
        hourlySeen = hourlySeen.clone();
        weekly = weekly.clone();
        weeklySeen = weeklySeen.clone();
    }

    public static Baseline empty() {
        double[] ones24 = new double[HOURS];
        double[] ones7 = new double[DAYS];
        Arrays.fill(ones24, 1.0);
        Arrays.fill(ones7, 1.0);
        return new Baseline(0, 0, 0, ones24, new int[HOURS], ones7, new int[DAYS], 0, 0, 0, false);
    }

    /** The value expected at this moment. */
    public double expected(MetricKind kind, long epochMs) {
        return level * seasonal(kind, epochMs);
    }

    /** The profile's factor at this moment: hour times weekday, each 1 while still warming up. */
    double seasonal(MetricKind kind, long epochMs) {
        if (!kind.seasonal()) {
            return 1.0;
        }
        ZonedDateTime at = Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC);
        int hour = at.getHour();
        int day = at.getDayOfWeek().getValue() - 1;
        double h = hourlySeen[hour] >= HOUR_WARM ? hourly[hour] : 1.0;
        double w = weeklySeen[day] >= DAY_WARM ? weekly[day] : 1.0;
        return h * w;
    }

    /** Whether this much history has been learned that judging is fair: a week for seasonal kinds, a day of steps for others. */
    public boolean warm(MetricKind kind, long epochMs, long warmUpMs, int warmUpSteps) {
        return learned >= warmUpSteps && (!kind.seasonal() || epochMs - firstLearned >= warmUpMs);
    }

    /** Whether the profile has been learned from at all: a steady kind's, and any before its first step, is all ones. */
    boolean profiled() {
        return !Arrays.equals(hourlySeen, EMPTY.hourlySeen) || !Arrays.equals(weeklySeen, EMPTY.weeklySeen)
                || !Arrays.equals(hourly, EMPTY.hourly) || !Arrays.equals(weekly, EMPTY.weekly);
    }

    /** The learned variance as used: never below zero. */
    double learnedVariance() {
        return Math.max(0, variance);
    }

    /** Whether an anomaly is open. */
    public boolean anomalous() {
        return anomalousRun > 0;
    }

    /**
     * This baseline after learning one step's value.
     *
     * @param profileMs the moment whose hour and weekday the step belongs to (a holiday's is a Sunday's)
     * @param scaledResidualSquared the step's squared residual beyond sampling noise, in the variance's unit
     */
    Baseline learn(MetricKind kind, long epochMs, long profileMs, double value, double scaledResidualSquared, Rates rates) {
        double[] h = hourly.clone();
        int[] hs = hourlySeen.clone();
        double[] w = weekly.clone();
        int[] ws = weeklySeen.clone();
        if (learned == 0) {
            return new Baseline(1, epochMs, value, h, hs, w, ws, 0, 0, 0, false);
        }
        double newLevel = level;
        double newVariance = learned == 1 ? scaledResidualSquared
                : variance + Rates.weight(rates.variance(), learned) * (scaledResidualSquared - variance);
        if (kind.seasonal()) {
            ZonedDateTime at = Instant.ofEpochMilli(profileMs).atZone(ZoneOffset.UTC);
            int hour = at.getHour();
            int day = at.getDayOfWeek().getValue() - 1;
            double hourFactor = hs[hour] >= HOUR_WARM ? h[hour] : 1.0;
            double dayFactor = ws[day] >= DAY_WARM ? w[day] : 1.0;
            newLevel = level + Rates.weight(rates.level(), learned + 1) * (value / (hourFactor * dayFactor) - level);
            if (newLevel > 0) {
                double hourSample = value / (newLevel * dayFactor);
                h[hour] = hs[hour] == 0 ? hourSample : h[hour] + Rates.weight(rates.hourly(), hs[hour] + 1) * (hourSample - h[hour]);
                double daySample = value / (newLevel * hourFactor);
                w[day] = ws[day] == 0 ? daySample : w[day] + Rates.weight(rates.weekly(), ws[day] + 1) * (daySample - w[day]);
            }
            hs[hour]++;
            ws[day]++;
        } else {
            newLevel = level + Rates.weight(rates.level(), learned + 1) * (value - level);
        }
        return new Baseline(learned + 1, firstLearned, newLevel, h, hs, w, ws, newVariance, cusum, anomalousRun,
                sustained);
    }

    Baseline withCusum(double sum) {
        return new Baseline(learned, firstLearned, level, hourly, hourlySeen, weekly, weeklySeen, variance, sum, 0, false);
    }

    /** An anomaly opened at this step; by the CUSUM alone when {@code bySum}. */
    Baseline opened(boolean bySum) {
        return new Baseline(learned, firstLearned, level, hourly, hourlySeen, weekly, weeklySeen, variance, 0, 1, bySum);
    }

    /** The open anomaly, one step longer. */
    Baseline continued() {
        return new Baseline(learned, firstLearned, level, hourly, hourlySeen, weekly, weeklySeen, variance, 0,
                anomalousRun + 1, sustained);
    }

    /** The anomaly closed. */
    Baseline recovered() {
        return withCusum(0);
    }

    /** How fast each part forgets: the weight of the newest step. */
    record Rates(double level, double hourly, double weekly, double variance) {
        static final Rates DEFAULT = new Rates(0.02, 0.1, 0.05, 0.05);

        /** The weight of the {@code n}-th sample: a running mean's 1/n until that is lighter than {@code rate}. */
        static double weight(double rate, long n) {
            return Math.max(rate, 1.0 / n);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Baseline that && learned == that.learned && firstLearned == that.firstLearned
                && Double.compare(level, that.level) == 0 && Arrays.equals(hourly, that.hourly)
                && Arrays.equals(hourlySeen, that.hourlySeen) && Arrays.equals(weekly, that.weekly)
                && Arrays.equals(weeklySeen, that.weeklySeen) && Double.compare(variance, that.variance) == 0
                && Double.compare(cusum, that.cusum) == 0
                && anomalousRun == that.anomalousRun && sustained == that.sustained;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learned, firstLearned, level, Arrays.hashCode(hourly), Arrays.hashCode(weekly), variance,
                cusum, anomalousRun, sustained);
    }

    @Override
    public String toString() {
        return "Baseline[learned=" + learned + ", level=" + level + ", variance=" + variance + ", cusum=" + cusum
                + ", run=" + anomalousRun + "]";
    }
}
