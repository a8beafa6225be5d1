package io.meshwarden.bench.quality;

import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityTopology;
import io.meshwarden.quality.governance.GovernanceOptions;
import io.meshwarden.quality.observed.ObservedOptions;
import io.meshwarden.quality.observed.ObservedTopology;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.AvroTrust;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.TopicProvisioner;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
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
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Observed mode with and without the contracts' quality rules, on the embedded broker, run by
 * hand: {@code java -cp ... io.meshwarden.bench.quality.ObservedRulesHarness [records] [products] [rounds]}.
 * The products' output topics are loaded once; each round then runs the production topology in
 * observed mode over them twice, in fresh applications with their own catalogs: contracts without
 * quality rules, then the same contracts with seven evaluated rules each (one per metric family,
 * duplicates exact per step) and one sql rule. Both exactly-once, one stream thread, timed from
 * 10 % of the records committed until all are and the repartition topic behind the decoding is
 * drained too ({@link Throughput}). Prints each rate, the ratio, and
 * what each run wrote (dead letters by reason must be none, or the run measured something else).
 */
public final class ObservedRulesHarness {
    /** Meshwarden's own topics. */
    private static final int PARTITIONS = 2;
    /**
     * One partition per output topic: one task reads them all in timestamp order. With more, the
     * tasks reading them run apart in event time by more than the grace period and records turn late.
     */
    private static final int OUTPUT_PARTITIONS = 1;

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
                broker.createTopic(workload.outputTopic(i), OUTPUT_PARTITIONS, false);
            }
            MeshwardenConfig loader = QualityPipelineHarness.config(broker.bootstrapServers(), "load", stateRoot);
            // Ten minutes of event time ending now: quality-streams refuses event times beyond its clock skew.
            long eventStart = System.currentTimeMillis() - ObservedWorkload.EVENT_SPAN.toMillis();
            workload.loadRecords(loader, records, eventStart);
            for (int round = 1; round <= rounds; round++) {
                double plain = run(broker, stateRoot, workload, "plain" + round, ObservedWorkload.Rules.NONE, records, eventStart);
                double rules = run(broker, stateRoot, workload, "rules" + round, ObservedWorkload.Rules.ODCS, records, eventStart);
                double pathological = run(broker, stateRoot, workload, "regex" + round, ObservedWorkload.Rules.PATHOLOGICAL_PATTERN,
                        records, eventStart);
                results.add(new double[] {plain, rules, pathological});
            }
        }
        System.out.printf(Locale.ROOT, "%nobserved mode, %,d JSON records, %,d products (own output topics, %d partition each),"
                + " exactly_once_v2, 1 thread:%n", records, products, OUTPUT_PARTITIONS);
        for (int i = 0; i < results.size(); i++) {
            double[] r = results.get(i);
            System.out.printf(Locale.ROOT, "  round %d: without rules %,10.0f records/s, with rules %,10.0f records/s, ratio %.2f;"
                    + " with rules and (a+)+$ on a 41-character value %,10.0f records/s, ratio to rules alone %.2f%n",
                    i + 1, r[0], r[1], r[1] / r[0], r[2], r[2] / r[1]);
        }
    }

    static double run(EmbeddedKafkaBroker broker, Path stateRoot, ObservedWorkload workload, String prefix,
                      ObservedWorkload.Rules withRules, int records, long eventStart) throws Exception {
        return run(workload, prefix, withRules, records, QualityPipelineHarness.config(broker.bootstrapServers(), prefix, stateRoot),
                eventStart);
    }

    /**
     * One timed run of the production topologies in observed mode over the workload's pre-loaded topics, with
     * {@code base}'s settings (a schema registry, say); prints what it wrote and returns its rate.
     */
    static double run(ObservedWorkload workload, String prefix, ObservedWorkload.Rules withRules, int records,
                      MeshwardenConfig base, long eventStart) throws Exception {
        // A task waits for all its partitions' data before it processes, so each contract is read before its records
        // (the catalog is timestamped before them) even when the records are fetched first.
        MeshwardenConfig config = base.with(MeshwardenConfig.KAFKA_NAMESPACE + "max.task.idle.ms", "10000");
        try (Admin admin = Admin.create(config.adminProperties())) {
            new TopicProvisioner(admin, PARTITIONS, (short) 1).ensure(config.topics().all());
        }
        workload.register(config, withRules, eventStart - 60_000);
        QualityOptions options = QualityOptions.from(config).withObservedTopics(Pattern.quote(workload.prefix()) + ".*");
        // Production runs observed mode as an application of its own; here both topologies run in one, so that one
        // group's committed offsets say when the product topics and the measurements between them are through.
        StreamsBuilder builder = new StreamsBuilder();
        QualityTopology.add(builder, config.topics(), options, GovernanceOptions.defaults());
        ObservedOptions observed = ObservedOptions.of(options.observedTopics().orElseThrow());
        ObservedTopology.add(builder, config.topics(), SchemaRegistryClient.from(config).map(observed::withRegistry).orElse(observed));
        String measurements = config.topics().name(Topics.OBSERVED_MEASUREMENTS);
        double rate = Throughput.measure(config, prefix, builder.build(), records,
                topic -> topic.startsWith(workload.prefix()), measurements::equals);
        Map<String, Long> deadLetters = read(config, config.topics().name(Topics.DEAD_LETTER)).stream()
                .collect(Collectors.groupingBy(r -> DeadLetter.header(r.headers(), DeadLetter.REASON_HEADER), TreeMap::new,
                        Collectors.counting()));
        EventCodec<Violation> codec = EventCodec.of(Violation.class);
        Map<String, Long> violations = read(config, config.topics().name(Topics.VIOLATIONS)).stream()
                .map(r -> codec.decode(r.value()))
                .collect(Collectors.groupingBy(v -> v.getRuleId() + " " + v.getStatus(), TreeMap::new, Collectors.counting()));
        System.out.printf(Locale.ROOT, "%s: %s records, rules %s, %,.0f records/s, dead letters %s, violations %s%n",
                prefix, workload.encoding(), withRules, rate, deadLetters, violations);
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
