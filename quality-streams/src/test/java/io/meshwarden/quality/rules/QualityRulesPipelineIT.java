package io.meshwarden.quality.rules;

import static io.meshwarden.quality.rules.QualityRules.path;
import static io.meshwarden.quality.rules.QualityRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.observed.ObservedService;
import io.meshwarden.quality.governance.ItConfig;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ODCS quality metric family on the real broker, in observed mode: a product's own output
 * topic breaks a row count, a null, a missing-values, an invalid-by-list, an invalid-by-pattern,
 * a duplicate-values and a duplicate-records rule in one window step, and meets them all in the
 * next. Record timestamps are chosen (event time), so the steps close when the test says.
 */
@EmbeddedKafka
class QualityRulesPipelineIT {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long MINUTE = 60_000;
    private static final List<QualityRule> RULES = List.of(
            rule(path(-1, 0), null, "rowCount", "mustBeGreaterOrEqualTo", 5),
            rule(path(2, 0), "email", "nullValues", "mustBe", 0),
            QualityRules.withValues(rule(path(1, 0), "channel", "missingValues", "mustBe", 0), "N/A"),
            QualityRules.withValues(rule(path(3, 0), "clicks", "invalidValues", "mustBe", 0), "1", "2", "3"),
            QualityRules.withPattern(rule(path(0, 0), "campaign_id", "invalidValues", "mustBe", 0), "^c-[0-9]+$"),
            rule(path(0, 1), "campaign_id", "duplicateValues", "mustBe", 0),
            rule(path(-1, 1), null, "duplicateValues", "mustBe", 0));

    private String outputTopic;
    private TopicCatalog topics;
    private QualityStreams app;
    private ObservedService observed;
    private KafkaProducer<byte[], byte[]> producer;
    private TopicTail tail;
    private final AtomicInteger probes = new AtomicInteger();

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        MeshwardenConfig fresh = ItConfig.freshRun(broker, stateDir, "rules");
        String run = fresh.get(Settings.TOPIC_PREFIX);
        outputTopic = run + PRODUCT + ".v1";
        MeshwardenConfig config = fresh.with(Settings.QUALITY_OBSERVED_TOPIC_PATTERN.key(), Pattern.quote(run) + ".*\\.v[0-9]+");
        // A pattern subscription sees a new topic only at its next metadata refresh: create it first.
        broker.createTopic(outputTopic, 2, false);
        topics = config.topics();
        app = QualityStreams.start(config);
        observed = ObservedService.start(config);
        producer = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
        tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.VIOLATIONS), topics.name(Topics.SNAPSHOTS),
                topics.name(Topics.OBSERVED_PORTS), topics.name(Topics.DEAD_LETTER));
    }

    @AfterEach
    void stop() {
        tail.close();
        producer.close();
        observed.close();
        app.close();
    }

    @Test
    void everyMetricFamilyBreachesInOneStepAndRecoversInTheNext() {
        long warmUp = System.currentTimeMillis() / MINUTE * MINUTE - 12 * 60 * MINUTE;
        // First without rules, until the output topic is known to observed mode (records before that are
        // dead letters, unknown product): each try measures a clean record and closes its step with a second.
        DataProductContract withoutRules = contract("1.0.0", List.of());
        send(topics.name(Topics.CATALOG), PRODUCT, encode(withoutRules));
        AtomicLong at = new AtomicLong(warmUp);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            send(outputTopic, row(probe(), "search", "p@x", "1"), at.get());
            send(outputTopic, row(probe(), "search", "p@x", "1"), at.addAndGet(3 * MINUTE));
            at.addAndGet(2 * MINUTE);
            return !decoded(Topics.SNAPSHOTS, QualitySnapshot.class).isEmpty();
        });
        // Close the last step measured without rules with a step that meets them all (five clean rows), so the
        // rules' first step has nothing of the warm-up in it.
        long lastStepEnd = (at.get() - 2 * MINUTE) / MINUTE * MINUTE + MINUTE;
        long clean = lastStepEnd + 2 * MINUTE;
        for (int i = 0; i < 5; i++) {
            send(outputTopic, row(probe(), "search", "p@x", "1"), clean + 1_000);
        }
        await().atMost(WAIT).until(() -> decoded(Topics.SNAPSHOTS, QualitySnapshot.class).stream()
                .anyMatch(snapshot -> snapshot.getWindowEnd().toEpochMilli() == lastStepEnd));
        send(topics.name(Topics.CATALOG), PRODUCT, encode(contract("1.1.0", RULES)));
        // The quality processor writes the product's port again when it accepts the new version.
        await().atMost(WAIT).until(() -> decoded(Topics.OBSERVED_PORTS, DataProductContract.class).stream()
                .anyMatch(c -> c.getVersion().equals("1.1.0")));

        long breaking = clean + 2 * MINUTE;
        long keeping = breaking + MINUTE;
        // 4 rows: one null email, one N/A channel, clicks 9, campaign x-1 (twice), x-1 twice as a whole record.
        List<String> first = List.of(row("c-1", "search", null, "1"), row("c-1", "N/A", "a@x", "9"),
                row("x-1", "search", "b@x", "2"), row("x-1", "search", "b@x", "2"));
        List<String> second = List.of(row("c-1", "search", "c@x", "1"), row("c-2", "social", "d@x", "2"),
                row("c-3", "search", "e@x", "3"), row("c-4", "search", "f@x", "1"), row("c-5", "search", "g@x", "1"));
        first.forEach(record -> send(outputTopic, record, breaking + 1_000));
        second.forEach(record -> send(outputTopic, record, keeping + 1_000));
        send(outputTopic, row(probe(), "search", "p@x", "1"), keeping + 3 * MINUTE + 10_000);

        await().atMost(WAIT).until(() -> quality().size() >= 2 * RULES.size());
        List<Violation> quality = quality();
        assertThat(quality).hasSize(2 * RULES.size());
        for (QualityRule rule : RULES) {
            assertThat(quality).filteredOn(v -> v.getRuleId().equals("quality:" + rule.getPath()))
                    .as(rule.getPath() + " " + rule.getMetric())
                    .extracting(Violation::getStatus, v -> v.getWindowEnd().toEpochMilli())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ViolationStatus.BREACH, keeping),
                            org.assertj.core.groups.Tuple.tuple(ViolationStatus.RECOVERY, keeping + MINUTE));
        }
        assertThat(quality).filteredOn(v -> v.getStatus() == ViolationStatus.BREACH)
                .extracting(v -> v.getRuleId().substring("quality:".length()), Violation::getObservedValue)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(path(-1, 0), 4.0), org.assertj.core.groups.Tuple.tuple(path(2, 0), 1.0),
                        org.assertj.core.groups.Tuple.tuple(path(1, 0), 1.0), org.assertj.core.groups.Tuple.tuple(path(3, 0), 1.0),
                        org.assertj.core.groups.Tuple.tuple(path(0, 0), 2.0), org.assertj.core.groups.Tuple.tuple(path(0, 1), 2.0),
                        org.assertj.core.groups.Tuple.tuple(path(-1, 1), 1.0));
    }

    private DataProductContract contract(String version, List<QualityRule> rules) {
        DataProductContract contract = QualityRules.contract(PRODUCT, rules.toArray(QualityRule[]::new));
        return DataProductContract.newBuilder(contract).setVersion(version)
                .setOutputPorts(List.of(OutputPort.newBuilder(contract.getOutputPorts().get(0)).setTopic(outputTopic).build()))
                .build();
    }

    private String probe() {
        return "p-" + probes.incrementAndGet();
    }

    private List<Violation> quality() {
        return decoded(Topics.VIOLATIONS, Violation.class).stream().filter(v -> v.getRuleId().startsWith("quality:")).toList();
    }

    private <T extends SpecificRecord> List<T> decoded(TopicSpec<String, T> topic, Class<T> type) {
        EventCodec<T> codec = EventCodec.of(type);
        List<T> values = new ArrayList<>();
        tail.poll(topics.name(topic)).forEach(record -> values.add(codec.decode(record.value())));
        return values;
    }

    private static byte[] encode(DataProductContract contract) {
        return EventCodec.of(DataProductContract.class).encode(contract, OutputFormat.AVRO);
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }

    /** One key for every record: one partition, so the records reach the quality processor in the order sent. */
    private void send(String topic, String json, long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, "campaigns".getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8)));
        producer.flush();
    }

    private static String row(String campaignId, String channel, String email, String clicks) {
        return "{\"campaign_id\": \"" + campaignId + "\", \"channel\": \"" + channel + "\", \"email\": "
                + (email == null ? "null" : "\"" + email + "\"") + ", \"clicks\": " + clicks + "}";
    }
}
