package io.meshwarden.quality.observed;

import static io.meshwarden.quality.rules.QualityRules.path;
import static io.meshwarden.quality.rules.QualityRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.LocalSchemaRegistry;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.governance.ItConfig;
import io.meshwarden.quality.rules.QualityRules;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observed mode on a topic of Confluent-framed Avro, on the real broker, against a registry answering the documented
 * REST endpoints from a local HTTP server ({@link LocalSchemaRegistry}); the frames are built byte by byte to the
 * public wire-format specification ({@link ObservedRecords#confluentFrame}), as Confluent's serializer is not served
 * here. The producer's registered schema differs compatibly from the contract's (fields in another order, one more
 * with a default), so every record is read by Avro schema resolution: completeness, freshness and the contract's
 * ODCS quality rules are computed on them and none is dead-lettered; a record of an unknown schema id, a truncated
 * frame and a record with a wrong magic byte are, each with its reason.
 */
@EmbeddedKafka
class ConfluentObservedLocalRegistryIT {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long MINUTE = 60_000;
    /** The contract's fields (QualityRules.SCHEMA) in another order, and one more with a default. */
    private static final Schema WRITER = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"CampaignPerformance\","
            + "\"fields\":[{\"name\":\"clicks\",\"type\":[\"null\",\"long\"],\"default\":null},"
            + "{\"name\":\"network\",\"type\":\"string\",\"default\":\"google\"},"
            + "{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null},"
            + "{\"name\":\"channel\",\"type\":[\"null\",\"string\"],\"default\":null},"
            + "{\"name\":\"campaign_id\",\"type\":\"string\"}]}");
    private static final String NULL_EMAILS = path(2, 0);

    private final LocalSchemaRegistry registry = LocalSchemaRegistry.start();
    private String outputTopic;
    private MeshTestRun run;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        MeshwardenConfig fresh = ItConfig.freshRun(broker, stateDir, "confluent");
        outputTopic = fresh.get(Settings.TOPIC_PREFIX) + PRODUCT + ".v1";
        broker.createTopic(outputTopic, 1, false);
        run = MeshTestRun.start(fresh.with(Settings.SCHEMA_REGISTRY_URL.key(), registry.url().toString()),
                QualityStreams::start, ObservedService::start);
    }

    @AfterEach
    void stop() throws Exception {
        run.close();
        registry.close();
    }

    @Test
    void confluentFramedAvroIsMeasuredAndOnlyUnreadableFramesAreDeadLettered() {
        int schemaId = registry.register(outputTopic + "-value", "AVRO", WRITER.toString());
        DataProductContract contract = QualityRules.contract(PRODUCT, rule(NULL_EMAILS, "email", "nullValues", "mustBe", 0));
        run.catalog(DataProductContract.newBuilder(contract).setProperties(Map.of("kafka.observed", "true"))
                .setOutputPorts(List.of(OutputPort.newBuilder(contract.getOutputPorts().get(0)).setTopic(outputTopic).build()))
                .build());

        long step = System.currentTimeMillis() / MINUTE * MINUTE - 10 * MINUTE;
        List<byte[]> readable = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            readable.add(ObservedRecords.confluentFrame(schemaId, ObservedRecords.avroBinary(record("c-" + i, i == 4 ? null : "u" + i + "@x"))));
        }
        byte[] valid = readable.get(0);
        byte[] wrongMagic = valid.clone();
        wrongMagic[0] = 1;
        List<byte[]> unreadable = List.of(ObservedRecords.confluentFrame(schemaId + 4711, valid), new byte[] {0, 0, 0}, wrongMagic);
        // One key, so one partition, in order; a readable frame three steps on closes the step (and is the newest record).
        for (int i = 0; i < readable.size(); i++) {
            run.send(outputTopic, "campaigns", readable.get(i), step + 1_000 + i * 2_000L);
        }
        unreadable.forEach(value -> run.send(outputTopic, "campaigns", value, step + 30_000));
        run.send(outputTopic, "campaigns", valid, step + 3 * MINUTE);

        await("the step measured").atMost(WAIT).untilAsserted(() -> assertThat(ObservedRecords.expectedInSnapshots(run.tail(),
                run.topics(), PRODUCT)).isEqualTo(readable.size() + unreadable.size()));
        QualitySnapshot snapshot = run.decoded(Topics.SNAPSHOTS, QualitySnapshot.class).stream()
                .filter(s -> s.getProductId().equals(PRODUCT) && s.getWindowEnd().toEpochMilli() == step + MINUTE)
                .reduce((first, second) -> second).orElseThrow();
        assertThat(snapshot.getRecordsReceived()).as("every frame a Confluent deserializer reads").isEqualTo(readable.size());
        assertThat(snapshot.getCompleteness()).isCloseTo(12.0 / 15.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(snapshot.getRequiredFieldCompleteness()).containsEntry("campaign_id", 1.0);
        assertThat(snapshot.getNewestRecordTime().toEpochMilli()).as("freshness: the newest record's time (the closing frame)")
                .isEqualTo(step + 3 * MINUTE);
        assertThat(snapshot.getQualityRuleValues()).containsEntry(NULL_EMAILS, 1.0);
        await("the quality rule breached").atMost(WAIT).until(() -> run.decoded(Topics.VIOLATIONS, Violation.class).stream()
                .anyMatch(v -> v.getRuleId().equals("quality:" + NULL_EMAILS) && v.getStatus() == ViolationStatus.BREACH
                        && v.getObservedValue() == 1.0));

        List<ConsumerRecord<byte[], byte[]>> dead = run.deadLetters(outputTopic);
        assertThat(dead).as("only the unreadable frames").hasSize(unreadable.size());
        List<String> reasons = dead.stream().map(d -> DeadLetter.header(d.headers(), DeadLetter.REASON_HEADER) + ": "
                + truncated(DeadLetter.header(d.headers(), DeadLetter.MESSAGE_HEADER))).toList();
        assertThat(reasons.get(0)).startsWith("unknown-schema-id: ").contains("schema id " + (schemaId + 4711));
        assertThat(reasons.get(1)).startsWith("undecodable: ").contains("truncated");
        assertThat(reasons.get(2)).startsWith("undecodable: ").contains("the Confluent wire format (magic byte 0)", "first byte 0x01");
        for (int i = 0; i < unreadable.size(); i++) {
            assertThat(dead.get(i).value()).as("the original bytes").isEqualTo(unreadable.get(i));
        }
    }

    private static GenericRecord record(String campaignId, String email) {
        GenericRecord record = new GenericData.Record(WRITER);
        record.put("clicks", 3L);
        record.put("network", "google");
        record.put("email", email);
        record.put("channel", "search");
        record.put("campaign_id", campaignId);
        return record;
    }

    /** A header shortened for assertion messages. */
    private static String truncated(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
