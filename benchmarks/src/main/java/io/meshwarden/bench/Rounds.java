package io.meshwarden.bench;

import java.util.Arrays;

/** The end-to-end harnesses' rounds: baseline and Meshwarden alternated in one JVM, the median of their ratios the figure. */
public final class Rounds {
    private Rounds() {
    }

    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
