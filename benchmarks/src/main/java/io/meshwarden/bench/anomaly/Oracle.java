package io.meshwarden.bench.anomaly;

/**
 * What any detector could reach on these histories: detectors that know the generator's {@link ProductHistory.Truth}
 * (the expected count of every step without incidents, the source's noise, the null rate), which no real
 * detector does, judged at the false-alarm budget of the aim. They bound what is achievable, so that a
 * recall below an aim can be read as the detector's fault or the data's.
 *
 * <p>The budget: 0.25 false alarms per product-week over two metrics (volume and null rate) of 168 hourly steps
 * each is a per-step false-alarm probability of 0.25 / (2 × 168) = 7.44e-4; under the generator's Gaussian noise
 * that is |z| &gt; {@value #VOLUME_Z} for the volume (both sides, incidents drop and spike it) and
 * z &gt; {@value #NULL_RATE_Z} for the null rate (only rises are incidents): Φ⁻¹(1 − 3.72e-4) and Φ⁻¹(1 − 7.44e-4).
 */
final class Oracle {
    static final double VOLUME_Z = 3.373;
    static final double NULL_RATE_Z = 3.177;

    private Oracle() {
    }

    /**
     * One step at a time: flags a step whose count lies beyond the budget's z of its true expected value. For a
     * single step this is the most powerful test there is (Neyman–Pearson), so no detector flags more incidents
     * within one step of their onset at this false-alarm rate.
     */
    static boolean[][] perStep(ProductHistory history) {
        return perStep(history, 1.0);
    }

    /** {@link #perStep(ProductHistory)} with both thresholds times {@code scale}, to calibrate on a false-alarm rate. */
    static boolean[][] perStep(ProductHistory history, double scale) {
        boolean[] volume = new boolean[history.steps()];
        boolean[] nulls = new boolean[history.steps()];
        for (int step = 0; step < history.steps(); step++) {
            volume[step] = Math.abs(volumeDeviation(history, step) / Math.sqrt(volumeVariance(history, step)))
                    > VOLUME_Z * scale;
            nulls[step] = history.records()[step] > 0
                    && nullDeviation(history, step) / Math.sqrt(nullVariance(history, step)) > NULL_RATE_Z * scale;
        }
        return new boolean[][] {volume, nulls};
    }

    /**
     * The per-step oracle with its thresholds scaled so that it raises {@code falseAlarmsPerProductWeek} on these
     * histories (bisection): the Gaussian thresholds overshoot the budget where counts are small (rounding, and
     * counts clipped at zero), so the calibrated one is the fair bound at a given false-alarm rate.
     */
    static Score calibrated(String name, java.util.List<ProductHistory> histories, double falseAlarmsPerProductWeek,
                            int products, double weeks) {
        double low = 0.5;
        double high = 4.0;
        for (int round = 0; round < 30; round++) {
            double middle = (low + high) / 2;
            if (perStepScore(name, histories, middle).falseAlarmsPerProductWeek(products, weeks) > falseAlarmsPerProductWeek) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return perStepScore(String.format(java.util.Locale.ROOT, "%s (thresholds x %.2f)", name, high), histories, high);
    }

    private static Score perStepScore(String name, java.util.List<ProductHistory> histories, double scale) {
        Score score = new Score(name);
        for (ProductHistory history : histories) {
            boolean[][] flags = perStep(history, scale);
            score.add(history, flags[0], flags[1]);
        }
        return score;
    }

    /**
     * Knowing each incident's onset: from it, accumulates the deviations of every step so far and flags the first
     * step at which their sum lies beyond the budget's z of the sum's deviation. No real detector knows where an
     * incident starts; this one cannot raise a false alarm, so it is an upper bound on recall (generous: the
     * threshold is not corrected for testing once a step).
     */
    static boolean[][] knowingOnsets(ProductHistory history) {
        boolean[] volume = new boolean[history.steps()];
        boolean[] nulls = new boolean[history.steps()];
        for (Incident incident : history.labels()) {
            if (!incident.kind().incident()) {
                continue;
            }
            double deviation = 0;
            double variance = 0;
            for (int step = incident.start(); step < Math.min(history.steps(), incident.end()); step++) {
                if (incident.kind().onNullRate()) {
                    if (history.records()[step] == 0) {
                        continue;
                    }
                    deviation += nullDeviation(history, step);
                    variance += nullVariance(history, step);
                    if (deviation / Math.sqrt(variance) > NULL_RATE_Z) {
                        nulls[step] = true;
                        break;
                    }
                } else {
                    deviation += volumeDeviation(history, step);
                    variance += volumeVariance(history, step);
                    if (Math.abs(deviation) / Math.sqrt(variance) > VOLUME_Z) {
                        volume[step] = true;
                        break;
                    }
                }
            }
        }
        return new boolean[][] {volume, nulls};
    }

    private static double volumeDeviation(ProductHistory history, int step) {
        return history.records()[step] - history.truth().expected()[step];
    }

    /** The generator's noise: the source's, relative, and counting noise. */
    private static double volumeVariance(ProductHistory history, int step) {
        double expected = history.truth().expected()[step];
        return Math.max(Math.pow(history.truth().noise() * expected, 2) + expected, 1e-9);
    }

    private static double nullDeviation(ProductHistory history, int step) {
        return history.nulls()[step] - history.records()[step] * history.truth().nullRate();
    }

    /** Binomial noise of the step's records. */
    private static double nullVariance(ProductHistory history, int step) {
        double rate = history.truth().nullRate();
        return Math.max(history.records()[step] * rate * (1 - rate), 1e-9);
    }
}
