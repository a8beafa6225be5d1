package io.meshwarden.quality.rolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.governance.ItConfig;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.violation.ViolationRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * One metric dated 2099 on a real broker, exactly-once, every topic one partition so that products A
 * and B share the quality task: A's metric is dead-lettered {@code future-event-time} with a
 * violation for A; the application is then restarted on an empty state directory (every store
 * restored from its changelog), and every normal metric of A and B that follows is counted, none
 * dead-lettered {@code late}: the refused metric moved no clock, not even in the changelog.
 * One-second steps and grace, so windows close within seconds.
 */
@EmbeddedKafka
class FutureEventTimeIT {
    private static final String A = "email.send-engagement";
    private static final String B = "social.post-reach";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tempDir;

    private MeshwardenConfig config;
    private TopicCatalog topics;
    private QualityStreams app;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker) throws Exception {
        config = ItConfig.freshRun(broker, Files.createDirectory(tempDir.resolve("first")), "future")
                .with(Settings.TOPIC_PARTITIONS.key(), "1")
                .with(Settings.QUALITY_WINDOW_STEP_MS.key(), "1000")
                .with(Settings.QUALITY_GRACE_MS.key(), "1000")
                // The restarted instance joins the same group; the closed one must not hold its partition long.
                .with("kafka.session.timeout.ms", "6000");
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
    void aMetricDatedInTheFutureIsRefusedAndBlindsNoProductAcrossARestart() throws Exception {
        await().atMost(WAIT).until(() -> app.state() == KafkaStreams.State.RUNNING);
        for (String product : List.of(A, B)) {
            send(Topics.CATALOG, product, EventCodec.of(DataProductContract.class)
                    .encode(QualityFixtures.contract(product, 3_600_000, 99.5, 3_600_000), OutputFormat.AVRO));
        }
        MetricEvent future = QualityFixtures.metric(A, 100, 100, Instant.parse("2099-01-01T00:00:00Z"));
        future.setNewestRecordTime(Instant.now());
        sendMetric(future);

        try (TopicTail tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.DEAD_LETTER),
                topics.name(Topics.VIOLATIONS), topics.name(Topics.SNAPSHOTS))) {
            await().atMost(WAIT).until(() -> reasons(tail).contains("future-event-time"));
            await().atMost(WAIT).until(() -> violations(tail).stream().anyMatch(v -> v.getProductId().equals(A)
                    && v.getRuleId().equals(ViolationRule.FUTURE_EVENT_TIME.ruleId())));

            app.close();
            app = QualityStreams.start(config.with(Settings.STATE_DIR.key(),
                    Files.createDirectory(tempDir.resolve("restored")).toString()));
            await().atMost(WAIT).until(() -> app.state() == KafkaStreams.State.RUNNING);

            // Five metrics of 10 records a second apart for each product, then one that closes their steps.
            long base = (System.currentTimeMillis() / 1000 - 20) * 1000;
            for (int second = 0; second < 5; second++) {
                for (String product : List.of(A, B)) {
                    sendMetric(QualityFixtures.metric(product, 10, 10, Instant.ofEpochMilli(base + second * 1000L)));
                }
            }
            for (String product : List.of(A, B)) {
                sendMetric(QualityFixtures.metric(product, 1, 1, Instant.ofEpochMilli(base + 10_000)));
            }

            await().atMost(WAIT).untilAsserted(() -> assertThat(List.of(A, B)).allSatisfy(product ->
                    assertThat(snapshots(tail).stream().filter(s -> s.getProductId().equals(product))
                            .mapToLong(QualitySnapshot::getRecordsReceived).max().orElse(0)).as(product).isEqualTo(50L)));
            assertThat(reasons(tail)).as("only the future metric was refused; nothing is late").containsExactly("future-event-time");
        }
    }

    private List<String> reasons(TopicTail tail) {
        return tail.poll(topics.name(Topics.DEAD_LETTER)).stream()
                .map(r -> DeadLetter.header(r.headers(), DeadLetter.REASON_HEADER)).toList();
    }

    private List<Violation> violations(TopicTail tail) {
        return decode(tail, Topics.VIOLATIONS, Violation.class);
    }

    private List<QualitySnapshot> snapshots(TopicTail tail) {
        return decode(tail, Topics.SNAPSHOTS, QualitySnapshot.class);
    }

    private <T extends org.apache.avro.specific.SpecificRecord> List<T> decode(TopicTail tail,
                                                                              io.meshwarden.schemas.TopicSpec<?, T> topic, Class<T> type) {
        List<ConsumerRecord<byte[], byte[]>> records = tail.poll(topics.name(topic));
        return records.stream().map(r -> EventCodec.of(type).decode(r.value())).toList();
    }

    private void sendMetric(MetricEvent metric) {
        send(Topics.METRICS, metric.getProductId(), EventCodec.of(MetricEvent.class).encode(metric, OutputFormat.AVRO));
    }

    private void send(io.meshwarden.schemas.TopicSpec<?, ?> topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topics.name(topic), key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }
}
