package io.meshwarden.bench.anomaly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the anomaly detectors and accuracy reconciliation cost the quality topology: the same labelled
 * histories ({@link SyntheticHistories}: hourly steps, one-hour completeness windows, so every metric event
 * closes a period and every period is judged and reconciled) replayed through the production topology
 * ({@link TopologyReplay}) with them on and off, by turns, in one run. Reports metric events per second of
 * each round and the ratio of the medians to the topology with neither ({@code BOTH} and {@code NEITHER}, and
 * each alone in {@code DETECTORS}, {@code RECONCILIATION}).
 *
 * <p>Usage: {@code DetectorCost [products=100] [weeks=3] [rounds=3] [loadsPerStep=1] [seed=42]}: with one load a
 * step every metric event closes a period (the worst case); pipelines that load every few minutes close one
 * period every several events.
 */
public final class DetectorCost {
    private DetectorCost() {
    }

    public static void main(String[] args) throws Exception {
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int weeks = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int loadsPerStep = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        List<ProductHistory> histories = new SyntheticHistories(seed).generate(products, weeks);
        Instant wallClock = Instant.ofEpochMilli(histories.get(0).stepMs(histories.get(0).steps() + 1));
        replay(histories, wallClock, TopologyReplay.Judged.BOTH, loadsPerStep); // warm-up of the JIT, not counted
        Map<TopologyReplay.Judged, List<Double>> rates = new EnumMap<>(TopologyReplay.Judged.class);
        List<TopologyReplay.Judged> order = new ArrayList<>(List.of(TopologyReplay.Judged.values()));
        for (int round = 0; round < rounds; round++) {
            // Each round in another order, so that none always runs on a warmer (or busier) machine.
            Collections.rotate(order, 1);
            for (TopologyReplay.Judged judged : order) {
                double rate = replay(histories, wallClock, judged, loadsPerStep);
                rates.computeIfAbsent(judged, j -> new ArrayList<>()).add(rate);
                System.out.printf(Locale.ROOT, "round %d, %-14s %,8.0f metric events/s%n", round + 1, judged, rate);
            }
        }
        double neither = median(rates.get(TopologyReplay.Judged.NEITHER));
        System.out.printf(Locale.ROOT, "%d products x %d weeks, %d loads a step (%,d metric events a replay); medians:%n",
                products, weeks, loadsPerStep, (long) products * weeks * 168 * loadsPerStep);
        rates.forEach((judged, list) -> System.out.printf(Locale.ROOT, "  %-14s %,8.0f/s  %.3f of NEITHER%n", judged,
                median(list), median(list) / neither));
    }

    private static double replay(List<ProductHistory> histories, Instant wallClock, TopologyReplay.Judged judged,
                                 int loadsPerStep) throws Exception {
        try (TopologyReplay replay = new TopologyReplay(wallClock, judged)) {
            long started = System.nanoTime();
            long events = replay.replay(histories, true, loadsPerStep).events();
            return events / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
