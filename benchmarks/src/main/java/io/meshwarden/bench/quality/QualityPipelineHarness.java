package io.meshwarden.bench.quality;

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
 * {@code java -cp ... io.meshwarden.bench.quality.QualityPipelineHarness [metrics] [products]}.
 * In one run and one JVM: (1) metric events per second through a Streams pass-through and through
 * the production topology, both exactly-once with one stream thread, over the same pre-loaded
 * metric topic, with every product registered, and through the production topology with its anomaly
 * detectors off; (2) freshness detection latency after the
 * deadline, p50 and p99, with every product registered and each going silent.
 */
public final class QualityPipelineHarness {
    private QualityPipelineHarness() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensure();
        int metrics = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int products = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
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

            double passThrough = Throughput.measure(config, "passthrough", passThrough(topics), metrics);
            double quality = Throughput.measure(config, "quality",
                    QualityTopology.build(topics, QualityOptions.from(config)), metrics);
            System.out.printf(Locale.ROOT, "%nthroughput, %,d metric events, %,d products, exactly_once_v2, 1 thread:%n", metrics, products);
            System.out.printf(Locale.ROOT, "  pass-through        %,10.0f events/s  1.00%n", passThrough);
            System.out.printf(Locale.ROOT, "  quality topology    %,10.0f events/s  %.2f%n", quality, quality / passThrough);
            try (Admin admin = Admin.create(config.adminProperties())) {
                String applicationId = config.streamsProperties("quality").getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
                System.out.printf(Locale.ROOT, "  quality topology    %s%n", StateFootprint.of(
                        Path.of(config.get(Settings.STATE_DIR), applicationId), applicationId, admin).describe(products));
            }
            // The anomaly detectors' cost: off and on alternated, each its own application over the same input, after
            // the runs above warmed the JVM, so that neither side gets the warm-up.
            double[] off = new double[2];
            double[] on = new double[2];
            for (int round = 0; round < 2; round++) {
                off[round] = Throughput.measure(config, "quality-detectors-off-" + round,
                        QualityTopology.build(topics, QualityOptions.from(config).withAnomalyDetection(false)), metrics);
                on[round] = Throughput.measure(config, "quality-detectors-on-" + round,
                        QualityTopology.build(topics, QualityOptions.from(config)), metrics);
                System.out.printf(Locale.ROOT, "  detectors off %,10.0f events/s, on %,10.0f events/s: on / off %.2f%n",
                        off[round], on[round], on[round] / off[round]);
            }
            System.out.printf(Locale.ROOT, "  detectors on / off over both rounds: %.2f%n", (on[0] + on[1]) / (off[0] + off[1]));

            MeshwardenConfig latencyConfig = config(broker.bootstrapServers(), "fresh", stateRoot);
            provision(latencyConfig);
            List<Long> latencies = FreshnessLatency.measure(latencyConfig, products);
            System.out.printf(Locale.ROOT, "%nfreshness detection after the deadline, %,d products registered, %,d breaches read:%n",
                    products, latencies.size());
            System.out.printf(Locale.ROOT, "  p50 %d ms, p99 %d ms, max %d ms (punctuation %s ms + commit %s ms)%n",
                    percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100),
                    latencyConfig.get(Settings.QUALITY_PUNCTUATION_INTERVAL_MS), latencyConfig.get(Settings.COMMIT_INTERVAL_MS));
        }
    }

    static MeshwardenConfig config(String bootstrap, String prefix, Path stateRoot) throws java.io.IOException {
        return MeshwardenConfig.load(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), bootstrap,
                Settings.TOPIC_PREFIX.key(), prefix + ".",
                Settings.APPLICATION_ID_PREFIX.key(), prefix,
                Settings.STATE_DIR.key(), Files.createDirectories(stateRoot.resolve(prefix)).toString()));
    }

    private static void provision(MeshwardenConfig config) {
        try (Admin admin = Admin.create(config.adminProperties())) {
            new TopicProvisioner(admin, config.getInt(Settings.TOPIC_PARTITIONS), (short) 1).ensure(config.topics().all());
        }
    }

    private static Topology passThrough(TopicCatalog topics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.name(Topics.METRICS), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("in"))
                .to("tput.passthrough.out", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("out"));
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
