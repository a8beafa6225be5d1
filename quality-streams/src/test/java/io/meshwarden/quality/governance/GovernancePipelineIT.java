package io.meshwarden.quality.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The governance topology on a real broker, exactly-once, fed the way domains and kcat feed it. */
@EmbeddedKafka
class GovernancePipelineIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private MeshwardenConfig config;
    private TopicCatalog topics;
    private QualityStreams app;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        config = ItConfig.freshRun(broker, stateDir, "it");
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
    void decidesEveryChangeAndPublishesViolationsAndTheCatalog() {
        DataProductContract compliant = Samples.contract("paid-media.campaign-performance");
        DataProductContract leaky = DataProductContract.newBuilder(Samples.contract("customer-analytics.lifecycle-stage"))
                .setClassification(Classification.INTERNAL).build();

        send(compliant.getId(), encode(Samples.change(compliant), OutputFormat.AVRO));
        send(leaky.getId(), encode(Samples.change(leaky), OutputFormat.JSON));

        try (TopicTail tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.DECISIONS),
                topics.name(Topics.VIOLATIONS), topics.name(Topics.CATALOG))) {
            await().atMost(WAIT).until(() -> tail.poll(topics.name(Topics.DECISIONS)).size() == 2
                    && tail.poll(topics.name(Topics.VIOLATIONS)).size() == 1
                    && tail.poll(topics.name(Topics.CATALOG)).size() == 1);

            assertThat(decode(tail.poll(topics.name(Topics.DECISIONS)), Decision.class))
                    .extracting(Decision::getProductId, Decision::getOutcome)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("paid-media.campaign-performance", DecisionOutcome.ACCEPTED),
                            org.assertj.core.groups.Tuple.tuple("customer-analytics.lifecycle-stage", DecisionOutcome.REJECTED));
            ConsumerRecord<byte[], byte[]> violation = tail.poll(topics.name(Topics.VIOLATIONS)).get(0);
            assertThat(new String(violation.key(), StandardCharsets.UTF_8)).isEqualTo("customer-analytics.lifecycle-stage");
            assertThat(decode(List.of(violation), Violation.class).get(0).getRuleId()).isEqualTo("classification.pii");
            assertThat(new String(tail.poll(topics.name(Topics.CATALOG)).get(0).key(), StandardCharsets.UTF_8))
                    .isEqualTo("paid-media.campaign-performance");
        }
    }

    @Test
    void randomBytesGoToTheDeadLetterTopicAndTheProcessorKeepsRunning() {
        byte[] garbage = new byte[64];
        new Random(42).nextBytes(garbage);
        garbage[0] = 0x07;
        send("paid-media.campaign-performance", garbage);
        send(null, garbage);
        DataProductContract after = Samples.contract("email.send-engagement");
        send(after.getId(), encode(Samples.change(after), OutputFormat.AVRO));

        try (TopicTail tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.DEAD_LETTER),
                topics.name(Topics.DECISIONS))) {
            await().atMost(WAIT).until(() -> tail.poll(topics.name(Topics.DEAD_LETTER)).size() == 2
                    && tail.poll(topics.name(Topics.DECISIONS)).size() == 1);

            assertThat(tail.poll(topics.name(Topics.DEAD_LETTER))).allSatisfy(dead -> {
                assertThat(dead.value()).isEqualTo(garbage);
                assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("undecodable");
                assertThat(DeadLetter.header(dead.headers(), DeadLetter.TOPIC_HEADER)).isEqualTo(topics.name(Topics.CONTRACT_CHANGES));
                assertThat(DeadLetter.header(dead.headers(), DeadLetter.OFFSET_HEADER)).matches("\\d+");
            });
            assertThat(decode(tail.poll(topics.name(Topics.DECISIONS)), Decision.class).get(0).getProductId())
                    .isEqualTo("email.send-engagement");
        }
        assertThat(app.state().isRunningOrRebalancing()).isTrue();
    }

    private void send(String key, byte[] value) {
        producer.send(new ProducerRecord<>(topics.name(Topics.CONTRACT_CHANGES),
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }

    private static byte[] encode(ContractChange change, OutputFormat format) {
        return EventCodec.of(ContractChange.class).encode(change, format);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> decode(
            List<ConsumerRecord<byte[], byte[]>> records, Class<T> type) {
        return records.stream().map(r -> EventCodec.of(type).decode(r.value())).toList();
    }
}
