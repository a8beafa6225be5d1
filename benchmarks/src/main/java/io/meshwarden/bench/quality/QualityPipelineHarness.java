package io.meshwarden.bench.quality;

import io.meshwarden.bench.Rounds;
import io.meshwarden.bench.footprint.StateFootprint;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.quality.QualityTopology;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.AvroTrust;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicProvisioner;
import io.meshwarden.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * End-to-end harness of the quality topology on the embedded broker, run by hand:
 * {@code java -cp ... io.meshwarden.bench.quality.QualityPipelineHarness [metrics] [products] [rounds] [--detector-cost]}.
 * In one run and one JVM: (1) metric events per second through a Streams pass-through and through
 * the production topology with every check on, both exactly-once with one stream thread, over the same
 * pre-loaded metric topic, with every product registered, in alternated rounds (median ratio); the quality
 * app's state per product, and the time a new instance takes to restore it; with {@code --detector-cost},
 * the production topology with its anomaly detectors and accuracy reconciliation off and on, on loads five minutes
 * apart whose periods close; (2) freshness detection latency after the
 * deadline, p50 and p99, with every product registered and each going silent; (3) metric event to violation
 * latency (a breached product's recovery), against a pass-through's metric to copy, in the same run.
 */
public final class QualityPipelineHarness {
    private QualityPipelineHarness() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensure();
        List<String> positional = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        int metrics = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 500_000;
        int products = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 10_000;
        int rounds = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 3;
        boolean detectorRounds = List.of(args).contains("--detector-cost");
        Path stateRoot = Files.createTempDirectory("quality-harness");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            MeshwardenConfig config = config(broker.bootstrapServers(), "tput", stateRoot);
            TopicCatalog topics = config.topics();
            provision(config);
            broker.createTopic("tput.passthrough.out", 4, false);
            Workload workload = new Workload(config, products);
            long started = System.currentTimeMillis();
            workload.registerAll(ignored -> 3_600_000L);
            workload.loadMetrics(metrics, started);

            // Rounds alternated in one JVM, pass-through then quality: the first runs colder than the others (JIT), so
            // each round's ratio is printed and the median of the rounds is the figure.
            // The structural floor (a repartition hop and two change-logged stores, no logic) is timed in each round too.
            double[] ratios = new double[rounds];
            double[] floorRatios = new double[rounds];
            String lastQuality = null;
            for (int round = 0; round < rounds; round++) {
                double passThrough = Throughput.measure(config, "passthrough-" + round, passThrough(topics), metrics);
                double floor = Throughput.measure(config, "floor-" + round, StructuralFloor.build(topics), metrics,
                        config.topics().name(Topics.METRICS)::equals, topic -> topic.endsWith("-repartition"));
                lastQuality = "quality-" + round;
                double quality = Throughput.measure(config, lastQuality, QualityTopology.build(topics, QualityOptions.from(config)),
                        metrics, config.topics().name(Topics.METRICS)::equals, topic -> topic.endsWith("-repartition"));
                ratios[round] = quality / passThrough;
                floorRatios[round] = floor / passThrough;
                System.out.printf(Locale.ROOT, "  round %d: pass-through %,10.0f events/s, structural floor %,10.0f (%.2f),"
                        + " quality topology %,10.0f events/s: %.2f%n", round + 1, passThrough, floor, floorRatios[round], quality,
                        ratios[round]);
            }
            System.out.printf(Locale.ROOT, "%nthroughput, %,d metric events, %,d products, exactly_once_v2, 1 thread, every check on:%n"
                    + "  quality / pass-through, median of %d rounds: %.2f (structural floor / pass-through: %.2f)%n",
                    metrics, products, rounds, Rounds.median(ratios), Rounds.median(floorRatios));
            try (Admin admin = Admin.create(config.adminProperties())) {
                String applicationId = config.streamsProperties(lastQuality).getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
                System.out.printf(Locale.ROOT, "  quality topology    %s%n", StateFootprint.of(
                        Path.of(config.get(Settings.STATE_DIR), applicationId), applicationId, admin).describe(products));
            }
            System.out.printf(Locale.ROOT, "  %s%n", RestoreTime.measure(config, lastQuality,
                    QualityTopology.build(topics, QualityOptions.from(config)), stateRoot.resolve("restored")));
            if (detectorRounds) {
                DetectorCostHarness.measure(broker, stateRoot, metrics, products, rounds);
            }

            MeshwardenConfig latencyConfig = config(broker.bootstrapServers(), "fresh", stateRoot);
            provision(latencyConfig);
            FreshnessLatency.Result latency = FreshnessLatency.measure(latencyConfig, products);
            List<Long> latencies = latency.afterDeadline();
            System.out.printf(Locale.ROOT, "%nfreshness detection after the deadline, %,d products registered, %,d breaches read:%n",
                    products, latencies.size());
            System.out.printf(Locale.ROOT, "  p50 %d ms, p99 %d ms, max %d ms (punctuation %s ms + commit %s ms)%n",
                    percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100),
                    latencyConfig.get(Settings.QUALITY_PUNCTUATION_INTERVAL_MS), latencyConfig.get(Settings.COMMIT_INTERVAL_MS));
            List<Long> baseline = FreshnessLatency.passThroughLatency(latencyConfig, passThrough(latencyConfig.topics(),
                    "fresh.passthrough.out"), "fresh.passthrough.out", broker);
            System.out.printf(Locale.ROOT, "%nmetric event to violation (freshness RECOVERY of a breached product), read_committed,"
                    + " %,d probes at %d/s:%n", latency.metricToViolation().size(), FreshnessLatency.PROBES_PER_SECOND);
            System.out.printf(Locale.ROOT, "  pass-through (metric to its copy)  p50 %d ms, p99 %d ms%n",
                    percentile(baseline, 50), percentile(baseline, 99));
            System.out.printf(Locale.ROOT, "  quality topology                   p50 %d ms, p99 %d ms%n",
                    percentile(latency.metricToViolation(), 50), percentile(latency.metricToViolation(), 99));
        }
    }

    static MeshwardenConfig config(String bootstrap, String prefix, Path stateRoot) throws java.io.IOException {
        return MeshwardenConfig.load(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), bootstrap,
                Settings.TOPIC_PREFIX.key(), prefix + ".",
                Settings.APPLICATION_ID_PREFIX.key(), prefix,
                Settings.STATE_DIR.key(), Files.createDirectories(stateRoot.resolve(prefix)).toString()));
    }

    static void provision(MeshwardenConfig config) {
        try (Admin admin = Admin.create(config.adminProperties())) {
            new TopicProvisioner(admin, config.getInt(Settings.TOPIC_PARTITIONS), (short) 1).ensure(config.topics().all());
        }
    }

    private static Topology passThrough(TopicCatalog topics) {
        return passThrough(topics, "tput.passthrough.out");
    }

    /** The baseline: the metric topic's bytes copied to {@code output}, without decoding. */
    static Topology passThrough(TopicCatalog topics, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.name(Topics.METRICS), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("in"))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("out"));
        return builder.build();
    }

    static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

}
