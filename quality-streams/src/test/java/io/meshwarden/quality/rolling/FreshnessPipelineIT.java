package io.meshwarden.quality.rolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freshness on a real broker, exactly-once: a product that stops publishing breaches within two
 * seconds of its deadline; across a restart that restores every store from its changelog, the
 * breach is neither forgotten nor repeated; fresh data recovers it once.
 */
@EmbeddedKafka
class FreshnessPipelineIT {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final long MAX_AGE_MS = 3_000;

    @TempDir
    Path tempDir;

    private MeshwardenConfig config;
    private TopicCatalog topics;
    private QualityStreams app;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker) throws Exception {
        String run = "fresh" + System.nanoTime();
        config = MeshwardenConfig.defaults(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.STATE_DIR.key(), Files.createDirectory(tempDir.resolve("first")).toString(),
                Settings.TOPIC_PREFIX.key(), run + ".",
                Settings.APPLICATION_ID_PREFIX.key(), run,
                Settings.TOPIC_PARTITIONS.key(), "2",
                // The restarted instance joins the same group; the closed one must not hold its partitions long.
                "kafka.session.timeout.ms", "6000"));
        topics = config.topics();
        app = QualityStreams.start(config);
        producer = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        producer.close();
        app.close();
    }

    @Test
    void breachesWithinTwoSecondsOfTheDeadlineAndRecoversOnceAcrossARestart() throws Exception {
        DataProductContract contract = QualityFixtures.contract(PRODUCT, MAX_AGE_MS, 99.5, 3_600_000);
        // Registered once the app runs, and fed at once: a product registered while the app starts (its
        // registration time is the contract record's) may rightly breach "never fed" before its metric arrives.
        await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);
        send(Topics.CATALOG, EventCodec.of(DataProductContract.class).encode(contract, OutputFormat.AVRO));
        Instant lastRecord = publishMetric();

        long deadline = lastRecord.toEpochMilli() + MAX_AGE_MS;
        AtomicLong seenAt = new AtomicLong();
        try (TopicTail tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.VIOLATIONS))) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                seenAt.set(System.currentTimeMillis());
                return !freshness(tail).isEmpty();
            });
            Violation breach = freshness(tail).get(0);
            assertThat(breach.getStatus()).isEqualTo(ViolationStatus.BREACH);
            assertThat(breach.getDeadline()).as("the deadline the breach names").isEqualTo(Instant.ofEpochMilli(deadline));
            assertThat(breach.getDetectedAt().toEpochMilli() - deadline).isBetween(0L, 2_000L);
            assertThat(seenAt.get() - deadline).as("ms from deadline to the breach on the violation topic").isLessThan(2_000L);

            app.close();
            app = QualityStreams.start(config.with(Settings.STATE_DIR.key(),
                    Files.createDirectory(tempDir.resolve("restored")).toString()));
            await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> freshness(tail).size() == 1);

            Instant resumed = publishMetric();
            long nextDeadline = resumed.toEpochMilli() + MAX_AGE_MS;
            // The product goes silent again after this metric, so the next episode breaches at its own deadline,
            // 3 s later: the wait covers it, and then nothing else may come.
            await().atMost(Duration.ofSeconds(30)).until(() -> !episode(tail, nextDeadline).isEmpty());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> freshness(tail).size() == 3);
            assertThat(freshness(tail)).extracting(Violation::getStatus, v -> v.getDeadline().toEpochMilli())
                    .containsExactly(
                            tuple(ViolationStatus.BREACH, deadline),
                            tuple(ViolationStatus.RECOVERY, deadline),
                            tuple(ViolationStatus.BREACH, nextDeadline));
        }
    }

    private Instant publishMetric() {
        Instant now = Instant.now();
        MetricEvent metric = QualityFixtures.metric(PRODUCT, 100, 100, now);
        send(Topics.METRICS, EventCodec.of(MetricEvent.class).encode(metric, OutputFormat.AVRO));
        return now;
    }

    private List<Violation> freshness(TopicTail tail) {
        List<ConsumerRecord<byte[], byte[]>> records = tail.poll(topics.name(Topics.VIOLATIONS));
        return records.stream().map(r -> EventCodec.of(Violation.class).decode(r.value()))
                .filter(v -> v.getRuleId().equals("freshness") && v.getProductId().equals(PRODUCT)).toList();
    }

    private List<Violation> episode(TopicTail tail, long deadline) {
        return freshness(tail).stream().filter(v -> v.getDeadline().toEpochMilli() == deadline).toList();
    }

    private void send(io.meshwarden.schemas.TopicSpec<?, ?> topic, byte[] value) {
        producer.send(new ProducerRecord<>(topics.name(topic), PRODUCT.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }
}
