package io.meshwarden.quality.observed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.governance.ItConfig;
import io.meshwarden.quality.rules.QualityRules;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where observed mode starts on a topic it has no committed offset on ({@code meshwarden.quality.observed.start}):
 * {@code latest} skips what the topic held before the observed app started; a duration skips what is older than it.
 * Which records were read is what the observed app measured: each measurement names its record's offset.
 */
@EmbeddedKafka
class ObservedStartIT {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long HOUR = 3_600_000;

    private final List<AutoCloseable> started = new ArrayList<>();
    private MeshwardenConfig config;
    private TopicCatalog topics;
    private String outputTopic;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private TopicTail tail;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) throws Exception {
        MeshwardenConfig fresh = ItConfig.freshRun(broker, stateDir, "observed-start");
        outputTopic = fresh.get(Settings.TOPIC_PREFIX) + PRODUCT + ".v1";
        config = fresh.with(Settings.QUALITY_OBSERVED_TOPIC_PATTERN.key(), Pattern.quote(outputTopic));
        topics = config.topics();
        admin = Admin.create(config.adminProperties());
        admin.createTopics(List.of(new NewTopic(outputTopic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        producer = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
        // The quality app tells the observed app whose topic it is, before the observed app reads a record of it.
        started.add(QualityStreams.start(config));
        tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.OBSERVED_PORTS), topics.name(Topics.OBSERVED_MEASUREMENTS));
        DataProductContract contract = QualityRules.contract(PRODUCT);
        send(topics.name(Topics.CATALOG), PRODUCT, EventCodec.of(DataProductContract.class).encode(DataProductContract.newBuilder(contract)
                .setOutputPorts(List.of(OutputPort.newBuilder(contract.getOutputPorts().get(0)).setTopic(outputTopic).build()))
                .build(), OutputFormat.AVRO), null);
        await("the port known").atMost(WAIT).until(() -> !tail.poll(topics.name(Topics.OBSERVED_PORTS)).isEmpty());
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        tail.close();
        producer.close();
        admin.close();
    }

    @Test
    void latestSkipsTheRecordsWrittenBeforeTheTopicWasObserved() {
        long now = System.currentTimeMillis();
        for (int i = 0; i < 5; i++) {
            row("before-" + i, now);
        }
        ObservedService observed = observed("latest");
        await("the observed app running").atMost(WAIT).until(() -> observed.state() == KafkaStreams.State.RUNNING);

        // Its position is set when the partition is first fetched: write until a record written since is measured.
        await("a record written since measured").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            row("after", System.currentTimeMillis());
            return !measuredOffsets().isEmpty();
        });
        assertThat(measuredOffsets()).allSatisfy(offset -> assertThat(offset).isGreaterThanOrEqualTo(5L));
    }

    @Test
    void aDurationStartsAtTheRecordsOfThatLongAgo() {
        long now = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            row("old-" + i, now - 2 * HOUR);
        }
        for (int i = 0; i < 3; i++) {
            row("recent-" + i, now - 1_000);
        }
        observed("PT1H");

        await("the recent records measured").atMost(WAIT).until(() -> measuredOffsets().containsAll(Set.of(3L, 4L, 5L)));
        assertThat(measuredOffsets()).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aStartThatIsNeitherEarliestLatestNorADurationIsRefusedNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObservedService.start(
                        config.with(Settings.QUALITY_OBSERVED_START.key(), "yesterday")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meshwarden.quality.observed.start").hasMessageContaining("'yesterday'");
    }

    private ObservedService observed(String start) {
        ObservedService observed = ObservedService.start(config.with(Settings.QUALITY_OBSERVED_START.key(), start));
        started.add(observed);
        return observed;
    }

    /** The offsets on the product topic of the records the observed app measured. */
    private Set<Long> measuredOffsets() {
        EventCodec<MetricEvent> codec = EventCodec.of(MetricEvent.class);
        Set<Long> offsets = new TreeSet<>();
        tail.poll(topics.name(Topics.OBSERVED_MEASUREMENTS)).stream().map(record -> codec.decode(record.value()).getPipelineRunId())
                .forEach(run -> offsets.add(Long.parseLong(run.substring(run.lastIndexOf('@') + 1))));
        return offsets;
    }

    private void row(String campaignId, long timestamp) {
        send(outputTopic, "campaign", ObservedRecords.row(campaignId).getBytes(StandardCharsets.UTF_8), timestamp);
    }

    private void send(String topic, String key, byte[] value, Long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }
}
