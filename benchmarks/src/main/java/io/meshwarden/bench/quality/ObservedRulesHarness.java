package io.meshwarden.bench.quality;

import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityTopology;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.AvroTrust;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.TopicProvisioner;
import io.meshwarden.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Observed mode with and without the contracts' quality rules, on the embedded broker, run by
 * hand: {@code java -cp ... io.meshwarden.bench.quality.ObservedRulesHarness [records] [products] [rounds]}.
 * The products' output topics are loaded once; each round then runs the production topology in
 * observed mode over them twice, in fresh applications with their own catalogs: contracts without
 * quality rules, then the same contracts with seven evaluated rules each (one per metric family,
 * duplicates exact per step) and one sql rule. Both exactly-once, one stream thread, timed between
 * 10 % and 100 % of the records committed ({@link Throughput}). Prints each rate, the ratio, and
 * what each run wrote (dead letters by reason must be none, or the run measured something else).
 */
public final class ObservedRulesHarness {
    private static final int PARTITIONS = 2;

    private ObservedRulesHarness() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensure();
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int products = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path stateRoot = Files.createTempDirectory("observed-harness");
        ObservedWorkload workload = new ObservedWorkload(products);
        List<double[]> results = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            for (int i = 0; i < products; i++) {
                broker.createTopic(ObservedWorkload.outputTopic(i), PARTITIONS, false);
            }
            MeshwardenConfig loader = QualityPipelineHarness.config(broker.bootstrapServers(), "load", stateRoot);
            workload.loadRecords(loader, records, System.currentTimeMillis() + 5_000);
            for (int round = 1; round <= rounds; round++) {
                double plain = run(broker, stateRoot, workload, "plain" + round, false, records);
                double rules = run(broker, stateRoot, workload, "rules" + round, true, records);
                results.add(new double[] {plain, rules});
            }
        }
        System.out.printf(Locale.ROOT, "%nobserved mode, %,d JSON records, %,d products (own output topics, %d partitions each),"
                + " exactly_once_v2, 1 thread:%n", records, products, PARTITIONS);
        for (int i = 0; i < results.size(); i++) {
            double[] r = results.get(i);
            System.out.printf(Locale.ROOT, "  round %d: without rules %,10.0f records/s, with rules %,10.0f records/s, ratio %.2f%n",
                    i + 1, r[0], r[1], r[1] / r[0]);
        }
    }

    private static double run(EmbeddedKafkaBroker broker, Path stateRoot, ObservedWorkload workload, String prefix,
                              boolean withRules, int records) throws Exception {
        MeshwardenConfig config = QualityPipelineHarness.config(broker.bootstrapServers(), prefix, stateRoot);
        try (Admin admin = Admin.create(config.adminProperties())) {
            new TopicProvisioner(admin, PARTITIONS, (short) 1).ensure(config.topics().all());
        }
        workload.register(config, withRules);
        QualityOptions options = QualityOptions.from(config).withObservedTopics(Pattern.quote(ObservedWorkload.OUTPUT_PREFIX) + ".*");
        double rate = Throughput.measure(config, prefix, QualityTopology.build(config.topics(), options), records,
                topic -> topic.startsWith(ObservedWorkload.OUTPUT_PREFIX));
        Map<String, Long> deadLetters = read(config, config.topics().name(Topics.DEAD_LETTER)).stream()
                .collect(Collectors.groupingBy(r -> DeadLetter.header(r.headers(), DeadLetter.REASON_HEADER), TreeMap::new,
                        Collectors.counting()));
        EventCodec<Violation> codec = EventCodec.of(Violation.class);
        long quality = read(config, config.topics().name(Topics.VIOLATIONS)).stream()
                .filter(r -> codec.decode(r.value()).getRuleId().startsWith("quality:")).count();
        System.out.printf(Locale.ROOT, "%s: %s rules, %,.0f records/s, dead letters %s, %d quality-rule violations%n",
                prefix, withRules ? "with" : "without", rate, deadLetters, quality);
        return rate;
    }

    /** Everything committed on the topic: polls until ten polls in a row (2 s) read nothing new. */
    private static List<ConsumerRecord<byte[], byte[]>> read(MeshwardenConfig config, String topic) {
        try (TopicTail tail = TopicTail.of(config.bootstrapServers(), topic)) {
            List<ConsumerRecord<byte[], byte[]>> read = tail.poll();
            for (int quiet = 0; quiet < 10; ) {
                int before = read.size();
                read = tail.poll();
                quiet = read.size() == before ? quiet + 1 : 0;
            }
            return read;
        }
    }
}
