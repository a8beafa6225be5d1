package io.meshwarden.quality.accuracy;

/**
 * The arithmetic of reconciling a loaded total against the source's control total: the deviation is
 * {@code (loaded - source) / |source|}; it is within the tolerance when its size is at most the tolerance
 * (a ratio: 0.01 for the contract's 1 %). A source total of zero is matched only by zero.
 */
public final class Reconciliation {
    private Reconciliation() {
    }

    /** The deviation, or null when the source reports zero and something was loaded (no ratio exists). */
    public static Double deviation(double loaded, double source) {
        if (source == 0) {
            return loaded == 0 ? 0.0 : null;
        }
        return (loaded - source) / Math.abs(source);
    }

    public static boolean within(double loaded, double source, double tolerance) {
        Double deviation = deviation(loaded, source);
        // A hair of float error must not turn an exact 1 % into a breach of 1 %.
        return deviation != null && Math.abs(deviation) <= tolerance + 1e-12;
    }

    /** The lowest loaded total the tolerance allows. */
    public static double low(double source, double tolerance) {
        return source - tolerance * Math.abs(source);
    }

    /** The highest loaded total the tolerance allows. */
    public static double high(double source, double tolerance) {
        return source + tolerance * Math.abs(source);
    }
}
