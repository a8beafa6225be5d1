package io.meshwarden.quality.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery in seconds, on a real broker with two quality-streams instances of one application:
 * a crashed instance that restarts resumes within 5 s, and when one of two dies for good the
 * other takes over its partitions within 10 s. A crash is {@link QualityStreams#closeAsIfCrashed}:
 * the member stays in the group, as a killed process's would. Each test prints what it measured.
 */
@EmbeddedKafka
class RecoveryIT {
    private static final int PARTITIONS = 2;
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path stateA;
    @TempDir
    Path stateB;

    private MeshwardenConfig configA;
    private MeshwardenConfig configB;
    private TopicCatalog topics;
    private final List<QualityStreams> running = new ArrayList<>();
    private KafkaProducer<byte[], byte[]> producer;
    private TopicTail decisions;
    private int round;

    @BeforeEach
    void startTwoInstances(EmbeddedKafkaBroker broker) {
        String run = "recovery" + System.nanoTime();
        configA = config(broker, run, stateA);
        configB = config(broker, run, stateB);
        topics = configA.topics();
        QualityStreams a = start(configA);
        QualityStreams b = start(configB);
        producer = new KafkaProducer<>(configA.producerProperties("recovery-it"), new ByteArraySerializer(), new ByteArraySerializer());
        decisions = TopicTail.of(broker.bootstrapServers(), topics.name(Topics.DECISIONS));
        await().atMost(START).until(() -> a.state() == KafkaStreams.State.RUNNING && b.state() == KafkaStreams.State.RUNNING);
        Set<String> warmUp = publishRound();
        await().atMost(START).until(() -> decided().containsAll(warmUp));
    }

    @AfterEach
    void stop() {
        decisions.close();
        producer.close();
        running.forEach(QualityStreams::close);
    }

    @Test
    void aCrashedInstanceThatRestartsResumesWithinFiveSeconds() {
        QualityStreams crashed = running.get(0);
        crashed.closeAsIfCrashed();
        running.remove(crashed);
        Set<String> whileDown = publishRound();

        long restart = System.nanoTime();
        start(configA);
        await().atMost(Duration.ofSeconds(5)).until(() -> decided().containsAll(whileDown));
        long resumedMs = (System.nanoTime() - restart) / 1_000_000;
        System.out.printf("RecoveryIT: restarted instance resumed output %d ms after its restart%n", resumedMs);
        assertThat(resumedMs).isLessThan(5000);
    }

    @Test
    void anInstanceThatStopsCleanlyLeavesTheGroupAndTheOtherTakesOverAtOnce() {
        // Well within the 6 s session: the static member is removed from the group, not left to time out.
        long takenOverMs = msUntilTheOtherTakesOver(QualityStreams::close, Duration.ofSeconds(5));
        System.out.printf("RecoveryIT: the other instance took over %d ms after a clean stop%n", takenOverMs);
    }

    /**
     * A killed instance also leaves its transaction open, which a clean close cannot show: a
     * producer with a transactional id of the application's form holds one open over every decision
     * partition and the input offsets, and dies with the instance.
     */
    @Test
    void whenOneOfTwoDiesTheOtherTakesOverWithinTenSeconds() {
        try (KafkaProducer<byte[], byte[]> leftOpen = CrashedThreadTransaction.leaveOpen(configA, PARTITIONS)) {
            long takenOverMs = msUntilTheOtherTakesOver(QualityStreams::closeAsIfCrashed, Duration.ofSeconds(10));
            System.out.printf("RecoveryIT: survivor produced the crashed instance's output %d ms after the crash%n", takenOverMs);
            assertThat(takenOverMs).isLessThan(10_000);
        }
    }

    /** Stops the first instance, publishes a change for every partition, and times the decisions from the stop. */
    private long msUntilTheOtherTakesOver(Consumer<QualityStreams> stop, Duration atMost) {
        QualityStreams stopped = running.remove(0);
        long stoppedAt = System.nanoTime();
        stop.accept(stopped);
        Set<String> afterStop = publishRound();
        await().atMost(atMost).until(() -> decided().containsAll(afterStop));
        return (System.nanoTime() - stoppedAt) / 1_000_000;
    }

    private QualityStreams start(MeshwardenConfig config) {
        QualityStreams app = QualityStreams.start(config);
        running.add(app);
        return app;
    }

    /** Publishes one change for each of two products per partition and returns their product ids. */
    private Set<String> publishRound() {
        round++;
        Map<Integer, List<String>> byPartition = new java.util.HashMap<>();
        for (int i = 0; byPartition.values().stream().mapToInt(List::size).sum() < 2 * PARTITIONS; i++) {
            String productId = "paid-media.recovery-" + round + "-" + i;
            List<String> ids = byPartition.computeIfAbsent(partition(productId), p -> new ArrayList<>());
            if (ids.size() < 2) {
                ids.add(productId);
            }
        }
        Set<String> products = byPartition.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        for (String productId : products) {
            DataProductContract contract = Samples.contract(productId);
            byte[] value = EventCodec.of(ContractChange.class).encode(Samples.change(contract), OutputFormat.AVRO);
            producer.send(new ProducerRecord<>(topics.name(Topics.CONTRACT_CHANGES), productId.getBytes(StandardCharsets.UTF_8), value));
        }
        producer.flush();
        return products;
    }

    private Set<String> decided() {
        Set<String> products = new HashSet<>();
        decisions.poll().forEach(r -> products.add(EventCodec.of(Decision.class).decode(r.value()).getProductId()));
        return products;
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static MeshwardenConfig config(EmbeddedKafkaBroker broker, String run, Path stateDir) {
        return MeshwardenConfig.defaults(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(),
                Settings.TOPIC_PREFIX.key(), run + ".",
                Settings.APPLICATION_ID_PREFIX.key(), run,
                Settings.TOPIC_PARTITIONS.key(), Integer.toString(PARTITIONS)));
    }
}
