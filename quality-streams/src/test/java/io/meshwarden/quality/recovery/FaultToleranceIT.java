package io.meshwarden.quality.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafkaCluster;
import io.meshwarden.kafka.embedded.Kcat;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.RandomPartitioner;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short fault test of every build: two quality-streams instances of one application on three
 * brokers, under a load of contract changes from three kinds of client (the Java client, a Java
 * producer that ignores the key, kcat) with poison records among them. Mid-load one instance
 * crashes ({@link QualityStreams#closeAsIfCrashed}, leaving a {@link CrashedThreadTransaction} open), a broker leading some partitions stops, the
 * instance restarts on its state directory and the broker restarts. Read as committed, the
 * outputs then hold exactly one decision per change, no violation id twice and every poison record
 * dead-lettered once with its reason; after each fault a decision for a change published after it
 * arrives within 10 s. Prints one summary line.
 */
class FaultToleranceIT {
    private static final int PARTITIONS = 4;
    private static final int PRODUCTS = 72;
    private static final Duration RESUMED = Duration.ofSeconds(10);
    private static final Duration SETTLED = Duration.ofSeconds(45);
    /** Short enough that every product breaches freshness during the test, so violations flow. */
    private static final long FRESHNESS_MAX_AGE_MS = 2_000;

    @TempDir
    Path stateA;
    @TempDir
    Path stateB;

    private EmbeddedKafkaCluster cluster;
    private MeshwardenConfig configA;
    private TopicCatalog topics;
    private final List<QualityStreams> running = new ArrayList<>();
    private KafkaProducer<byte[], byte[]> murmur2;
    private KafkaProducer<byte[], byte[]> random;
    private TopicTail tail;
    private KafkaProducer<byte[], byte[]> leftOpen;

    /** Change id to the round it was published in. */
    private final Map<String, Integer> published = new LinkedHashMap<>();
    /** Every poison record published, its value hex-encoded. */
    private final List<String> poison = new ArrayList<>();
    private final Random bytes = new Random(9);

    @BeforeEach
    void startClusterAndTwoInstances() {
        cluster = EmbeddedKafkaCluster.start(3);
        String run = "fault" + System.nanoTime();
        configA = config(run, stateA, "quality-a");
        MeshwardenConfig configB = config(run, stateB, "quality-b");
        topics = configA.topics();
        QualityStreams a = start(configA);
        QualityStreams b = start(configB);
        murmur2 = new KafkaProducer<>(configA.producerProperties("fault-it"), new ByteArraySerializer(), new ByteArraySerializer());
        Properties randomly = configA.producerProperties("fault-it-random");
        randomly.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, RandomPartitioner.class.getName());
        random = new KafkaProducer<>(randomly, new ByteArraySerializer(), new ByteArraySerializer());
        tail = TopicTail.of(cluster.bootstrapServers(), topics.name(Topics.DECISIONS), topics.name(Topics.VIOLATIONS),
                topics.name(Topics.DEAD_LETTER));
        await().atMost(Duration.ofSeconds(60)).until(() -> a.state() == KafkaStreams.State.RUNNING
                && b.state() == KafkaStreams.State.RUNNING);
    }

    @AfterEach
    void stop() {
        if (tail != null) {
            tail.close();
        }
        if (leftOpen != null) {
            leftOpen.close();
        }
        if (random != null) {
            random.close();
        }
        if (murmur2 != null) {
            murmur2.close();
        }
        running.forEach(QualityStreams::close);
        cluster.close();
    }

    @Test
    void crashesAndABrokerStopLoseAndDuplicateNothingAndOutputResumesWithinTenSeconds() throws Exception {
        long startedAt = System.nanoTime();
        publishRound(1);
        publishRound(2);
        awaitEveryPublishedDecided();

        Map<String, Pause> pauses = new LinkedHashMap<>();
        QualityStreams crashed = running.get(0);
        pauses.put("instance crash", duringLoad("instance crash", 3, () -> {
            running.remove(crashed);
            leftOpen = CrashedThreadTransaction.leaveOpen(configA, PARTITIONS);
            crashed.closeAsIfCrashed();
        }));
        int broker = leaderOfSomeDecisionPartitions();
        String node = "broker " + cluster.nodeId(broker);
        pauses.put(node + " stop", duringLoad(node + " stop", 5, () -> cluster.stop(broker)));
        pauses.put("instance restart", duringLoad("instance restart", 7, () -> start(configA)));
        pauses.put(node + " restart", duringLoad(node + " restart", 9, () -> cluster.restart(broker)));

        // Everything owed has arrived and 2 s more have passed, so that a late duplicate is counted too.
        try {
            await("a decision for every change and a dead letter for every poison record").atMost(SETTLED)
                    .during(Duration.ofSeconds(2)).until(() -> decisions().size() >= published.size()
                            && deadLetters().size() >= poison.size());
        } catch (ConditionTimeoutException e) {
            // Something is missing: the summary and the assertions below say what.
        }

        List<Decision> decisions = decisions();
        Map<String, Long> perChange = decisions.stream().collect(Collectors.groupingBy(d -> d.getChangeId().toString(),
                TreeMap::new, Collectors.counting()));
        Set<String> lost = published.keySet().stream().filter(id -> !perChange.containsKey(id)).collect(Collectors.toSet());
        Map<String, Long> duplicated = perChange.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Violation> violations = tail.poll(topics.name(Topics.VIOLATIONS)).stream()
                .map(r -> EventCodec.of(Violation.class).decode(r.value())).toList();
        Map<String, Long> violationIds = violations.stream().collect(Collectors.groupingBy(v -> v.getViolationId().toString(),
                Collectors.counting()));
        List<ConsumerRecord<byte[], byte[]>> deadLetters = deadLetters();

        System.out.printf(Locale.ROOT, "FaultToleranceIT: %d changes, %d decisions, lost %d, duplicated %d; %d violations, "
                        + "%d ids twice; %d poison records, %d dead letters; pause after %s; %d s in all%n",
                published.size(), decisions.size(), lost.size(), duplicated.size(), violations.size(),
                violationIds.values().stream().filter(n -> n > 1).count(), poison.size(), deadLetters.size(),
                pauses.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                (System.nanoTime() - startedAt) / 1_000_000_000);

        assertThat(lost).as("changes without a decision").isEmpty();
        assertThat(duplicated).as("changes decided more than once").isEmpty();
        assertThat(perChange.keySet()).as("decided changes").isEqualTo(published.keySet());
        assertThat(decisions.stream().filter(d -> d.getOutcome() != DecisionOutcome.ACCEPTED)
                .map(d -> d.getChangeId() + ": " + d.getOutcome() + " " + d.getViolations().stream()
                        .map(v -> v.getRuleId() + " " + v.getMessage()).toList()))
                .as("decisions other than ACCEPTED").isEmpty();
        assertThat(violations).as("freshness breaches of silent products").isNotEmpty();
        assertThat(violationIds).as("violation ids").allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
        assertThat(deadLetters).allSatisfy(dead -> {
            assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("undecodable");
            assertThat(DeadLetter.header(dead.headers(), DeadLetter.TOPIC_HEADER)).isEqualTo(topics.name(Topics.CONTRACT_CHANGES));
        });
        assertThat(deadLetters.stream().map(dead -> HexFormat.of().formatHex(dead.value())).toList())
                .as("every poison record dead-lettered once").containsExactlyInAnyOrderElementsOf(poison);
        assertThat(pauses).allSatisfy((fault, pause) -> assertThat(pause.firstMs()).as("pause after " + fault)
                .isLessThan(RESUMED.toMillis()));
    }

    /**
     * Publishes round {@code round}, applies the fault while it is in flight and publishes the next
     * round at once; measures the time from the fault to the first decision of a change published
     * after it, and to the decision of every change published so far.
     */
    private Pause duringLoad(String name, int round, Runnable fault) {
        publishRound(round);
        long faultAt = System.nanoTime();
        fault.run();
        publishRound(round + 1);
        await("a decision of a change published after the " + name).atMost(RESUMED).pollInterval(Duration.ofMillis(50))
                .until(() -> decisions().stream().anyMatch(d -> published.get(d.getChangeId().toString()) == round + 1));
        long firstMs = (System.nanoTime() - faultAt) / 1_000_000;
        awaitEveryPublishedDecided();
        return new Pause(firstMs, (System.nanoTime() - faultAt) / 1_000_000);
    }

    /** From a fault to the first decision of a change published after it, and to the last one owed. */
    private record Pause(long firstMs, long allMs) {
        @Override
        public String toString() {
            return firstMs + " ms (all decided " + allMs + " ms)";
        }
    }

    private void awaitEveryPublishedDecided() {
        await("a decision of every change published").atMost(SETTLED).until(() -> decisions().size() >= published.size());
    }

    /**
     * Version {@code 1.<round>.0} of every product, a third each from the Java client, the
     * key-ignoring Java producer and kcat, and one poison record from a Java client or kcat. The
     * key-ignoring producer's products change in odd rounds only: its records of one product land on
     * any partition, so two versions in flight at once may be decided in either order (and the older
     * one rejected by {@code versioning.semver}); every odd round starts once all before it are decided.
     */
    private void publishRound(int round) {
        List<Map.Entry<String, String>> viaKcat = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            if (i % 3 == 1 && round % 2 == 0) {
                continue;
            }
            DataProductContract contract = contract("paid-media.fault-" + i, round);
            ContractChange change = Samples.change(contract);
            published.put(change.getChangeId().toString(), round);
            switch (i % 3) {
                case 0 -> send(murmur2, contract.getId(), EventCodec.of(ContractChange.class).encode(change, OutputFormat.AVRO));
                case 1 -> send(random, contract.getId(), EventCodec.of(ContractChange.class).encode(change, OutputFormat.AVRO));
                default -> viaKcat.add(Map.entry(contract.getId(),
                        new String(EventCodec.of(ContractChange.class).encode(change, OutputFormat.JSON), StandardCharsets.UTF_8)));
            }
        }
        if (round % 2 == 0) {
            String text = "poison " + round + " is no contract change";
            poison.add(HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)));
            viaKcat.add(Map.entry("paid-media.fault-poison-" + round, text));
        } else {
            byte[] garbage = new byte[48];
            bytes.nextBytes(garbage);
            garbage[0] = 0x07;
            poison.add(HexFormat.of().formatHex(garbage));
            send(round % 4 == 1 ? murmur2 : random, "paid-media.fault-poison-" + round, garbage);
        }
        murmur2.flush();
        random.flush();
        Kcat.produce(cluster.bootstrapServers(), topics.name(Topics.CONTRACT_CHANGES), viaKcat);
    }

    private void send(KafkaProducer<byte[], byte[]> producer, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topics.name(Topics.CONTRACT_CHANGES), key.getBytes(StandardCharsets.UTF_8), value));
    }

    private List<Decision> decisions() {
        return tail.poll(topics.name(Topics.DECISIONS)).stream().map(r -> EventCodec.of(Decision.class).decode(r.value())).toList();
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        return tail.poll(topics.name(Topics.DEAD_LETTER));
    }

    /** The index of the broker leading partition 0 of the decisions topic (it leads some partitions). */
    private int leaderOfSomeDecisionPartitions() throws Exception {
        try (Admin admin = Admin.create(configA.adminProperties())) {
            int leader = admin.describeTopics(List.of(topics.name(Topics.DECISIONS))).allTopicNames().get()
                    .get(topics.name(Topics.DECISIONS)).partitions().get(0).leader().id();
            return IntStream.range(0, cluster.size()).filter(i -> cluster.nodeId(i) == leader).findFirst().orElseThrow();
        }
    }

    private static DataProductContract contract(String productId, int round) {
        return DataProductContract.newBuilder(Samples.contract(productId)).setVersion("1." + round + ".0")
                .setGuarantees(QualityGuarantees.newBuilder().setFreshnessMaxAgeMs(FRESHNESS_MAX_AGE_MS).setCompletenessPercent(99.5)
                        .setAvailabilityPercent(null).setAccuracyTolerancePercent(null).setWindowMs(3_600_000L).build())
                .build();
    }

    private QualityStreams start(MeshwardenConfig config) {
        QualityStreams app = QualityStreams.start(config);
        running.add(app);
        return app;
    }

    private MeshwardenConfig config(String run, Path stateDir, String instanceId) {
        return MeshwardenConfig.defaults(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), cluster.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(),
                Settings.TOPIC_PREFIX.key(), run + ".",
                Settings.APPLICATION_ID_PREFIX.key(), run,
                Settings.INSTANCE_ID.key(), instanceId,
                Settings.TOPIC_PARTITIONS.key(), Integer.toString(PARTITIONS)));
    }
}
