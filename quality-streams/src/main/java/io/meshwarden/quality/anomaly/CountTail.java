package io.meshwarden.quality.anomaly;

/**
 * How surprising a small count is, exactly: the tail probability of a count under a negative binomial of the
 * expected mean and the learned overdispersion (variance = mean + overdispersion × mean²; Poisson when there is
 * none), expressed as the equivalent standard normal score, so that a sensitivity means the same tail probability
 * for a product of ten records an hour as for one of ten thousand.
 *
 * <p>A Gaussian is a poor model of a count of a few dozen: its lower tail is heavier than the count's (so a
 * tiny product that loads nothing for an hour is within "3.5 deviations" of 10 expected, although the chance of
 * that is e<sup>-10</sup>) and its upper tail lighter. Counts above {@link #EXACT_UP_TO} expected are judged
 * Gaussian by the caller, where the two agree.
 *
 * <p>Hand-written: quality-streams has no statistics library on its classpath, and these are the two textbook
 * functions it needs (the tail by summing the probability mass, Acklam's inverse normal, Numerical Recipes'
 * complementary error function, both accurate to about 1e-7 where they are used).
 */
final class CountTail {
    /** The largest expected count judged exactly; summing its mass costs at most a few hundred terms. */
    static final double EXACT_UP_TO = 200;
    /** The most extra variance, in units of the counting noise, for which the tail is computed (its mass then falls fast). */
    static final double MAX_EXTRA = 4;
    private static final double NEGLIGIBLE = 1e-30;
    /** Scores beyond this are reported as this: tails below about 1e-15 are all equally impossible. */
    private static final double MAX_SCORE = 8.0;

    private CountTail() {
    }

    /**
     * Whether a count of this mean and overdispersion is judged by its tail: a small count (at most
     * {@link #EXACT_UP_TO} expected) whose extra variance is at most {@link #MAX_EXTRA} times its counting noise;
     * beyond, the learned noise dominates and the Gaussian the caller uses fits as well.
     */
    static boolean applies(double mean, double overdispersion) {
        return mean > 0 && mean <= EXACT_UP_TO && overdispersion * mean <= MAX_EXTRA;
    }

    /**
     * The equivalent normal score of {@code count} against {@code mean}: negative below it, from the lower tail
     * P(X ≤ count); positive above, from the upper tail P(X ≥ count); 0 where the tail is over one half.
     */
    static double score(double count, double mean, double overdispersion) {
        Mass mass = new Mass(mean, overdispersion);
        if (count < mean) {
            double tail = 0;
            for (long k = 0; k <= (long) Math.floor(count); k++) {
                tail += mass.next();
            }
            return Math.min(0, Math.max(-MAX_SCORE, inverseNormal(tail)));
        }
        long from = (long) Math.ceil(count);
        double below = 0;
        for (long k = 0; k < from; k++) {
            double p = mass.next();
            if (k > mean && p < NEGLIGIBLE) {
                return MAX_SCORE; // past the mode the mass falls geometrically: what is left is nothing
            }
            below += p;
        }
        double tail = 1 - below;
        if (tail < 1e-6) {
            // 1 − the lower sum loses its digits this far out: sum the upper tail itself.
            tail = 0;
            double p;
            do {
                p = mass.next();
                tail += p;
            } while (p > tail * 1e-12);
        }
        return Math.max(0, Math.min(MAX_SCORE, -inverseNormal(tail)));
    }

    /**
     * The band at {@code sensitivity}: the lowest and the highest count whose tail on its side is at least the
     * standard normal's beyond {@code sensitivity}; counts outside it score beyond the sensitivity.
     */
    static double[] band(double mean, double overdispersion, double sensitivity) {
        double alpha = upperNormalTail(sensitivity);
        Mass mass = new Mass(mean, overdispersion);
        double cumulative = 0;
        long low = -1;
        for (long k = 0; ; k++) {
            double p = mass.next();
            cumulative += p;
            if (low < 0 && cumulative >= alpha) {
                low = k;
            }
            if (1 - cumulative + 1e-15 < alpha) {
                // P(X ≥ k + 1) is below alpha: k is the highest count inside.
                return new double[] {low, k};
            }
        }
    }

    /** The probabilities of 0, 1, 2, ... in turn, by the recurrence of the negative binomial (or Poisson). */
    private static final class Mass {
        private final double mean;
        private final double size;
        private long k = -1;
        private double logP;

        Mass(double mean, double overdispersion) {
            this.mean = mean;
            this.size = overdispersion > 1e-9 ? 1 / overdispersion : Double.POSITIVE_INFINITY;
        }

        double next() {
            k++;
            if (k == 0) {
                logP = Double.isInfinite(size) ? -mean : size * Math.log(size / (size + mean));
            } else if (Double.isInfinite(size)) {
                logP += Math.log(mean / k);
            } else {
                logP += Math.log((k - 1 + size) / k * mean / (size + mean));
            }
            return Math.exp(logP);
        }
    }

    /** P(Z &gt; z) for a standard normal Z. */
    static double upperNormalTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** Φ⁻¹(p), Acklam's rational approximation (relative error below 1.2e-9). */
    static double inverseNormal(double p) {
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
