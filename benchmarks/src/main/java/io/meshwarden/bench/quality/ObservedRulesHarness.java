package io.meshwarden.bench.quality;

import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.QualityTopology;
import io.meshwarden.quality.governance.GovernanceOptions;
import io.meshwarden.quality.observed.ObservedOptions;
import io.meshwarden.quality.observed.ObservedService;
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
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Observed mode with and without the contracts' quality rules, on the embedded broker, run by
 * hand: {@code java -cp ... io.meshwarden.bench.quality.ObservedRulesHarness [records] [products] [rounds]}.
 * The products' output topics are loaded once; each round then times a Streams pass-through of them (the baseline of
 * issue 16) and the observed app alone as production runs it ({@link #alone}), and then runs the production topology in
 * observed mode over them three times, in fresh applications with their own catalogs: contracts without
 * quality rules, then the same contracts with seven evaluated rules each (one per metric family,
 * duplicates exact per step) and one sql rule; and those and a catastrophic-backtracking pattern. Each run starts the
 * observed app and the quality app as production does (two applications, each exactly-once with one stream thread) and
 * is timed from 10 % of the records committed by the observed app until all are and the quality app has consumed the
 * measurements topic to its end ({@link Throughput}). Prints each rate, its ratio to the pass-through, where each
 * stream thread's time went, and what each run wrote (dead letters by reason must be none, or the run measured
 * something else).
 */
public final class ObservedRulesHarness {
    /**
     * {@code -Dobserved.harness.one-app=true}: the observed and the quality topology in one application with
     * {@code max.task.idle.ms} 10000, as this harness ran them before issue 16, to compare with the two applications.
     */
    private static final boolean ONE_APP = Boolean.getBoolean("observed.harness.one-app");
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
                double pass = passThrough(broker, stateRoot, workload, "pass" + round, records);
                double alone = alone(broker, stateRoot, workload, "alone" + round, records, eventStart);
                double plain = run(broker, stateRoot, workload, "plain" + round, ObservedWorkload.Rules.NONE, records, eventStart);
                double rules = run(broker, stateRoot, workload, "rules" + round, ObservedWorkload.Rules.ODCS, records, eventStart);
                double pathological = run(broker, stateRoot, workload, "regex" + round, ObservedWorkload.Rules.PATHOLOGICAL_PATTERN,
                        records, eventStart);
                results.add(new double[] {pass, alone, plain, rules, pathological});
            }
        }
        System.out.printf(Locale.ROOT, "%nobserved mode, %,d JSON records, %,d products (own output topics, %d partition each),"
                + " exactly_once_v2, 1 thread:%n", records, products, OUTPUT_PARTITIONS);
        for (int i = 0; i < results.size(); i++) {
            double[] r = results.get(i);
            System.out.printf(Locale.ROOT, "  round %d: pass-through of the product topics %,10.0f records/s; observed app alone, with"
                    + " rules, %,10.0f records/s, ratio %.2f to the pass-through;%n", i + 1, r[0], r[1], r[1] / r[0]);
            System.out.printf(Locale.ROOT, "           observed and quality: without rules %,10.0f records/s (%.2f of the pass-through),"
                    + " with rules %,10.0f records/s (%.2f; %.2f to without); with rules and (a+)+$ on a 41-character value"
                    + " %,10.0f records/s, ratio to rules alone %.2f%n", r[2], r[2] / r[0], r[3], r[3] / r[0], r[3] / r[2], r[4],
                    r[4] / r[3]);
        }
    }

    /**
     * The baseline issue 16 names: a Kafka Streams pass-through of the same product topics (the same pattern, so one
     * task holds partition 0 of every one of them, as in observed mode), bytes in and bytes out to one topic,
     * exactly-once, one thread, Meshwarden's Streams settings, timed as the observed runs are.
     */
    static double passThrough(EmbeddedKafkaBroker broker, Path stateRoot, ObservedWorkload workload, String prefix, int records)
            throws Exception {
        MeshwardenConfig config = QualityPipelineHarness.config(broker.bootstrapServers(), prefix, stateRoot);
        String out = prefix + ".passthrough.out";
        broker.createTopic(out, PARTITIONS, false);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Pattern.compile(Pattern.quote(workload.prefix()) + ".*"),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("pass-in"))
                .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("pass-out"));
        double rate = Throughput.measure(config, prefix, builder.build(), records, topic -> topic.startsWith(workload.prefix()));
        System.out.printf(Locale.ROOT, "%s: pass-through of the product topics, %,.0f records/s%n", prefix, rate);
        return rate;
    }

    /**
     * The observed app as production runs it, alone (its own topology and Streams settings, {@link ObservedService#settings}),
     * with the ODCS rules: product topics in, measurements out; the same shape as the pass-through.
     */
    static double alone(EmbeddedKafkaBroker broker, Path stateRoot, ObservedWorkload workload, String prefix, int records,
                        long eventStart) throws Exception {
        MeshwardenConfig config = QualityPipelineHarness.config(broker.bootstrapServers(), prefix, stateRoot);
        try (Admin admin = Admin.create(config.adminProperties())) {
            new TopicProvisioner(admin, PARTITIONS, (short) 1).ensure(config.topics().all());
        }
        workload.register(config, ObservedWorkload.Rules.ODCS, eventStart - 60_000);
        ObservedOptions observed = ObservedOptions.of(Pattern.compile(Pattern.quote(workload.prefix()) + ".*"));
        MeshwardenConfig app = ObservedService.settings(config);
        Properties properties = app.streamsProperties(prefix);
        double rate = Throughput.measure(app, prefix, ObservedTopology.build(config.topics(), observed, properties), records,
                topic -> topic.startsWith(workload.prefix()));
        System.out.printf(Locale.ROOT, "%s: observed app alone, %s records, rules ODCS, %,.0f records/s, dead letters %s%n", prefix,
                workload.encoding(), rate, deadLetters(config));
        return rate;
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
        MeshwardenConfig config = ONE_APP ? base.with(MeshwardenConfig.KAFKA_NAMESPACE + "max.task.idle.ms", "10000") : base;
        try (Admin admin = Admin.create(config.adminProperties())) {
            new TopicProvisioner(admin, PARTITIONS, (short) 1).ensure(config.topics().all());
        }
        workload.register(config, withRules, eventStart - 60_000);
        QualityOptions options = QualityOptions.from(config).withObservedTopics(Pattern.quote(workload.prefix()) + ".*");
        ObservedOptions observedOptions = ObservedOptions.of(options.observedTopics().orElseThrow());
        ObservedOptions observed = SchemaRegistryClient.from(config).map(observedOptions::withRegistry).orElse(observedOptions);
        String measurements = config.topics().name(Topics.OBSERVED_MEASUREMENTS);
        Predicate<String> input = topic -> topic.startsWith(workload.prefix());
        double rate;
        if (ONE_APP) {
            // The shape measured before issue 16: both topologies in one application, so that one group's committed
            // offsets say when the product topics and the measurements between them are through; a task waits for all
            // its partitions' data before it processes, so each contract is read before its records.
            StreamsBuilder builder = new StreamsBuilder();
            QualityTopology.add(builder, config.topics(), options, GovernanceOptions.defaults());
            ObservedTopology.add(builder, config.topics(), observed);
            rate = Throughput.measure(config, prefix, builder.build(), records, input, measurements::equals);
        } else {
            // As production runs them: the observed app (its own settings) and the quality app, each with its own group
            // and stream thread; done when the quality app has consumed every measurement the observed app wrote.
            MeshwardenConfig observedApp = ObservedService.settings(config);
            rate = Throughput.measure(observedApp, ObservedService.APPLICATION,
                    ObservedTopology.build(config.topics(), observed, observedApp.streamsProperties(ObservedService.APPLICATION)),
                    config, QualityStreams.APPLICATION, QualityTopology.build(config.topics(), options, GovernanceOptions.defaults(),
                            config.streamsProperties(QualityStreams.APPLICATION)), records, input, measurements::equals);
        }
        Map<String, Long> deadLetters = deadLetters(config);
        EventCodec<Violation> codec = EventCodec.of(Violation.class);
        Map<String, Long> violations = read(config, config.topics().name(Topics.VIOLATIONS)).stream()
                .map(r -> codec.decode(r.value()))
                .collect(Collectors.groupingBy(v -> v.getRuleId() + " " + v.getStatus(), TreeMap::new, Collectors.counting()));
        System.out.printf(Locale.ROOT, "%s: %s records, rules %s, %,.0f records/s, dead letters %s, violations %s%n",
                prefix, workload.encoding(), withRules, rate, deadLetters, violations);
        return rate;
    }

    /** The dead letters of the run, by reason: none, or the run measured something else. */
    private static Map<String, Long> deadLetters(MeshwardenConfig config) {
        return read(config, config.topics().name(Topics.DEAD_LETTER)).stream()
                .collect(Collectors.groupingBy(r -> DeadLetter.header(r.headers(), DeadLetter.REASON_HEADER), TreeMap::new,
                        Collectors.counting()));
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
