package io.meshwarden.bench.quality;

import io.meshwarden.bench.Rounds;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.quality.QualityTopology;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.AvroTrust;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The anomaly detectors' and accuracy reconciliation's cost to the quality topology on the embedded broker,
 * exactly-once, one stream thread, run by hand:
 * {@code java -cp ... io.meshwarden.bench.quality.DetectorCostHarness [metrics=400000] [products=10000] [rounds=4]};
 * also the last part of {@code QualityPipelineHarness --detector-cost}.
 */
public final class DetectorCostHarness {
    /** How often each product loads, in event time. */
    private static final Duration LOAD_INTERVAL = Duration.ofMinutes(5);

    private DetectorCostHarness() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensure();
        List<String> positional = List.of(args);
        int metrics = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 400_000;
        int products = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 10_000;
        int rounds = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 4;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            measure(broker, Files.createTempDirectory("detector-cost"), metrics, products, rounds);
        }
    }

    /**
     * What the anomaly detectors and accuracy reconciliation cost the quality topology on the broker: every check on
     * against the same topology with both off, alternated in {@code rounds} rounds over one pre-loaded input (median of
     * the rounds' ratios). Its own products and metric topic: each product loads every {@link #LOAD_INTERVAL} of event
     * time, so that its one-hour periods close every twelve loads and each close is judged and reconciled, as a pipeline
     * that loads every five minutes has it (the main rounds' ten minutes of event time close about one period a product).
     */
    static void measure(EmbeddedKafkaBroker broker, Path stateRoot, int metrics, int products, int rounds)
            throws Exception {
        MeshwardenConfig config = QualityPipelineHarness.config(broker.bootstrapServers(), "dcost", stateRoot);
        TopicCatalog topics = config.topics();
        QualityPipelineHarness.provision(config);
        Workload workload = new Workload(config, products);
        workload.registerAll(ignored -> 3_600_000L);
        Duration span = LOAD_INTERVAL.multipliedBy(Math.max(1, metrics / products));
        workload.loadMetrics(metrics, System.currentTimeMillis() - span.toMillis(), span);
        QualityOptions on = QualityOptions.from(config);
        QualityOptions off = on.withAnomalyDetection(false).withAccuracyHorizonMs(0);
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            // The order alternates so that neither always runs on the warmer JVM.
            boolean offFirst = round % 2 == 0;
            double first = measureQuality(config, topics, (offFirst ? "dcost-off-" : "dcost-on-") + round, offFirst ? off : on,
                    metrics);
            double second = measureQuality(config, topics, (offFirst ? "dcost-on-" : "dcost-off-") + round, offFirst ? on : off,
                    metrics);
            double withBoth = offFirst ? second : first;
            double without = offFirst ? first : second;
            ratios[round] = withBoth / without;
            System.out.printf(Locale.ROOT, "  round %d: detectors and reconciliation off %,10.0f events/s, on %,10.0f events/s:"
                    + " on / off %.3f%n", round + 1, without, withBoth, ratios[round]);
        }
        System.out.printf(Locale.ROOT, "%ndetectors and reconciliation, %,d metric events, %,d products loading every %d min"
                + " (one-hour periods): on / off, median of %d rounds: %.3f%n", metrics, products, LOAD_INTERVAL.toMinutes(), rounds,
                Rounds.median(ratios));
    }

    private static double measureQuality(MeshwardenConfig config, TopicCatalog topics, String name, QualityOptions options,
                                         int metrics) throws Exception {
        return Throughput.measure(config, name, QualityTopology.build(topics, options), metrics,
                config.topics().name(Topics.METRICS)::equals, topic -> topic.endsWith("-repartition"));
    }

}
