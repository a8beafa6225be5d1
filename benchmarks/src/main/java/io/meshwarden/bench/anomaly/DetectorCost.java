package io.meshwarden.bench.anomaly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the anomaly detectors and accuracy reconciliation cost the quality topology: the same labelled
 * histories ({@link SyntheticHistories}: hourly steps, one-hour completeness windows, so every metric event
 * closes a period and every period is judged and reconciled) replayed through the production topology
 * ({@link TopologyReplay}) with them on and off, alternately, in one run. Reports metric events per second of
 * each round and the ratio of the medians.
 *
 * <p>Usage: {@code DetectorCost [products=100] [weeks=3] [rounds=3] [seed=42]}.
 */
public final class DetectorCost {
    private DetectorCost() {
    }

    public static void main(String[] args) throws Exception {
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int weeks = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        List<ProductHistory> histories = new SyntheticHistories(seed).generate(products, weeks);
        Instant wallClock = Instant.ofEpochMilli(histories.get(0).stepMs(histories.get(0).steps() + 1));
        replay(histories, wallClock, true); // warm-up of the JIT, not counted
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // Alternating which goes first, so that neither always runs on a warmer machine.
            boolean onFirst = round % 2 == 0;
            for (boolean detectors : new boolean[] {onFirst, !onFirst}) {
                double rate = replay(histories, wallClock, detectors);
                (detectors ? on : off).add(rate);
                System.out.printf(Locale.ROOT, "round %d, detectors and reconciliation %s: %,.0f metric events/s%n", round + 1,
                        detectors ? "on " : "off", rate);
            }
        }
        System.out.printf(Locale.ROOT, "%d products x %d weeks (%,d metric events a replay): median on %,.0f/s, off %,.0f/s,"
                        + " on/off %.3f%n", products, weeks, (long) products * weeks * 168, median(on), median(off),
                median(on) / median(off));
    }

    private static double replay(List<ProductHistory> histories, Instant wallClock, boolean detectors) throws Exception {
        try (TopologyReplay replay = new TopologyReplay(wallClock, detectors)) {
            long started = System.nanoTime();
            long events = replay.replay(histories, true).events();
            return events / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
