package io.meshwarden.bench.anomaly;

import io.meshwarden.governance.anomaly.AnomalySettings;
import io.meshwarden.quality.anomaly.AnomalyDetector;
import io.meshwarden.quality.anomaly.Baseline;
import io.meshwarden.quality.anomaly.Judgement;
import io.meshwarden.quality.anomaly.MetricKind;
import io.meshwarden.schemas.AvroTrust;
import java.time.Instant;
import java.util.List;

/**
 * The labelled anomaly benchmark: {@link SyntheticHistories} replayed through the production quality topology
 * ({@link TopologyReplay}), through Meshwarden's detector alone (the same, and with the holiday not declared)
 * and, side by side in the same run, the plain 3-sigma baseline ({@link OnlineNormal}) and the bounds of what
 * any detector could reach ({@link Oracle}), on the
 * volume and the null rate of every product; prints precision, recall, detection delay and false alarms
 * per product-week (markdown, for BENCHMARKS.md).
 *
 * <p>Usage: {@code AnomalyBenchmark [products] [weeks] [seed] [--detector-only]} (default 1000 8 42; the last skips
 * the replay through the topology, which takes about a second per product).
 */
public final class AnomalyBenchmark {
    /** The products' settings: the defaults, with the generator's public holiday declared as a team would. */
    private static final AnomalySettings DECLARED = new AnomalySettings(AnomalySettings.DEFAULT_SENSITIVITY,
            java.util.Optional.empty(), 0, java.util.List.of(), java.util.Set.of(SyntheticHistories.HOLIDAY), true);

    private AnomalyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensure();
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int weeks = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        long started = System.nanoTime();
        List<ProductHistory> histories = new SyntheticHistories(seed).generate(products, weeks);
        Score meshwarden = new Score("Meshwarden, holiday declared");
        Score undeclared = new Score("Meshwarden, holiday not declared");
        Score baseline = new Score("3-sigma, non-seasonal (baseline)");
        Score perStep = new Score("oracle, one step at a time (knows each step's true expected value)");
        Score knowingOnsets = new Score("oracle knowing each incident's onset (no false alarm possible)");
        AnomalyDetector detector = new AnomalyDetector();
        for (ProductHistory history : histories) {
            meshwarden.add(history, flags(detector, history, MetricKind.VOLUME, DECLARED),
                    flags(detector, history, MetricKind.NULL_RATE, DECLARED));
            undeclared.add(history, flags(detector, history, MetricKind.VOLUME, AnomalySettings.DEFAULTS),
                    flags(detector, history, MetricKind.NULL_RATE, AnomalySettings.DEFAULTS));
            baseline.add(history, threeSigma(history, false), threeSigma(history, true));
            boolean[][] oracle = Oracle.perStep(history);
            perStep.add(history, oracle[0], oracle[1]);
            boolean[][] onsets = Oracle.knowingOnsets(history);
            knowingOnsets.add(history, onsets[0], onsets[1]);
        }
        Score replayed = new Score("Meshwarden in the production topology, holiday declared");
        long replayStarted = System.nanoTime();
        Instant wallClock = Instant.ofEpochMilli(histories.get(0).stepMs(histories.get(0).steps() + 1));
        long events = 0;
        boolean replay = !(args.length > 3 && args[3].equals("--detector-only"));
        if (replay) {
            events = replayed(histories, replayed, wallClock);
        }
        double replaySeconds = (System.nanoTime() - replayStarted) / 1e9;
        double evaluatedWeeks = weeks - 1;

        System.out.printf(java.util.Locale.ROOT, "%d products x %d weeks of hourly steps, seed %d, %.1f s; replay of %,d metric"
                + " events through the topology %.1f s%n%n", products, weeks, seed, (System.nanoTime() - started) / 1e9, events,
                replaySeconds);
        System.out.println(Score.header());
        if (replay) {
            System.out.println(replayed.row(products, evaluatedWeeks));
        }
        System.out.println(meshwarden.row(products, evaluatedWeeks));
        System.out.println(undeclared.row(products, evaluatedWeeks));
        System.out.println(baseline.row(products, evaluatedWeeks));
        System.out.println(perStep.row(products, evaluatedWeeks));
        Score atAim = Oracle.calibrated("oracle, one step at a time, at the aim's 0.25 false alarms per product-week",
                histories, 0.25, products, evaluatedWeeks);
        Score atMeshwarden = Oracle.calibrated("oracle, one step at a time, at Meshwarden's false-alarm rate", histories,
                meshwarden.falseAlarmsPerProductWeek(products, evaluatedWeeks), products, evaluatedWeeks);
        System.out.println(atAim.row(products, evaluatedWeeks));
        System.out.println(atMeshwarden.row(products, evaluatedWeeks));
        System.out.println(knowingOnsets.row(products, evaluatedWeeks));
        System.out.println();
        if (replay) {
            System.out.println(replayed.recallByKind());
        }
        System.out.println(meshwarden.recallByKind());
        System.out.println(baseline.recallByKind());
        System.out.println(perStep.recallByKind());
        System.out.println(atAim.recallByKind());
        System.out.println(atMeshwarden.recallByKind());
        System.out.println(knowingOnsets.recallByKind());
    }

    /** Replays the histories through the production topology into {@code score}; returns the events replayed. */
    private static long replayed(List<ProductHistory> histories, Score score, Instant wallClock) throws Exception {
        try (TopologyReplay replay = new TopologyReplay(wallClock)) {
            TopologyReplay.Flags flags = replay.replay(histories, true);
            for (ProductHistory history : histories) {
                boolean[][] lines = flags.byProduct().get(history.id());
                score.add(history, lines[0], lines[1]);
            }
            return flags.events();
        }
    }

    private static boolean[] flags(AnomalyDetector detector, ProductHistory history, MetricKind kind,
                                   AnomalySettings settings) {
        boolean[] flagged = new boolean[history.steps()];
        Baseline state = Baseline.empty();
        for (int step = 0; step < history.steps(); step++) {
            long records = history.records()[step];
            if (kind == MetricKind.NULL_RATE && records == 0) {
                continue;
            }
            double value = kind == MetricKind.VOLUME ? records : history.nulls()[step] / (double) records;
            Judgement judgement = detector.judge(state, kind, settings, history.stepMs(step), value, records);
            flagged[step] = judgement.verdict() == Judgement.Verdict.ANOMALOUS;
            state = judgement.next();
        }
        return flagged;
    }

    private static boolean[] threeSigma(ProductHistory history, boolean nullRate) {
        boolean[] flagged = new boolean[history.steps()];
        OnlineNormal detector = new OnlineNormal();
        for (int step = 0; step < history.steps(); step++) {
            long records = history.records()[step];
            if (nullRate && records == 0) {
                continue;
            }
            double value = nullRate ? history.nulls()[step] / (double) records : records;
            flagged[step] = detector.flag(value, step >= AnomalyDetector.WARM_UP.toHours());
        }
        return flagged;
    }
}
