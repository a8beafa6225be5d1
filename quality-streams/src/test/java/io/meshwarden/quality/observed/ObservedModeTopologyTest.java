package io.meshwarden.quality.observed;

import static io.meshwarden.quality.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.quality.rolling.QualityFixtures;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Observed mode: the processor reads a product's own output topic and measures it with no metric events. */
class ObservedModeTopologyTest {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final String OUTPUT_TOPIC = PRODUCT + ".v1";

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start(QualityOptions.defaults().withObservedTopics(".*\\.v[0-9]+"));
    private final TestInputTopic<byte[], byte[]> output = harness.driver().createInputTopic(OUTPUT_TOPIC,
            Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    private DataProductContract contract;

    @BeforeEach
    void publishTheContract() {
        // clicks is required by the contract but nullable in the schema, so a null click count decodes and is counted.
        contract = DataProductContract.newBuilder(QualityFixtures.contract(PRODUCT, 5_000, 99.5, 120_000))
                .setProductSchema("{\"type\":\"record\",\"name\":\"CampaignPerformance\",\"fields\":["
                        + "{\"name\":\"campaign_id\",\"type\":\"string\"},"
                        + "{\"name\":\"clicks\",\"type\":[\"null\",\"long\"],\"default\":null}]}")
                .build();
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, contract, START);
    }

    @Test
    void measuresCompletenessFromTheProductsOwnRecordsInJsonAndAvro() throws IOException {
        publish(json("{\"campaign_id\": \"c-1\", \"clicks\": 3}"), 10);
        publish(avro("c-2", 4L), 20);
        publish(json("{\"campaign_id\": \"c-3\", \"clicks\": null}"), 30);
        byte[] garbage = {0x00, 0x13, 0x37};
        publish(garbage, 40);
        publish(json("{\"campaign_id\": \"c-4\", \"clicks\": 1}"), 130);

        QualitySnapshot snapshot = harness.output(Topics.SNAPSHOTS).readValue();
        assertThat(snapshot.getWindowEnd()).isEqualTo(START.plusSeconds(60));
        assertThat(snapshot.getRecordsExpected()).isEqualTo(4);
        assertThat(snapshot.getRecordsReceived()).isEqualTo(3);
        assertThat(snapshot.getRequiredFieldCompleteness()).containsEntry("clicks", 1.0 - 1.0 / 3).containsEntry("campaign_id", 1.0);
        // One record in four did not decode: above the 5 % the platform allows by default.
        assertThat(harness.output(Topics.VIOLATIONS).readValuesToList()).extracting(Violation::getRuleId)
                .containsExactlyInAnyOrder("completeness", "completeness.clicks", UndecodableShare.RULE_ID);
        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("undecodable");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.TOPIC_HEADER)).isEqualTo(OUTPUT_TOPIC);
    }

    @Test
    void sumsTheDeclaredMeasuresOfTheRecordsAndReconcilesThemWithTheSourcesControlTotal() throws IOException {
        DataProductContract reconciled = DataProductContract.newBuilder(contract).setVersion("1.1.0")
                .setProperties(Map.of("accuracy.measures", "clicks")).build();
        reconciled.getGuarantees().setAccuracyTolerancePercent(5.0);
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, reconciled, START);
        publish(json("{\"campaign_id\": \"c-1\", \"clicks\": 3}"), 10);
        publish(avro("c-2", 4L), 20);
        publish(json("{\"campaign_id\": \"c-3\", \"clicks\": null}"), 30);
        publish(json("{\"campaign_id\": \"c-4\", \"clicks\": \"many\"}"), 35);
        // The ad platform counts 10 clicks for the period [START, START + 2 min); the records hold 7.
        io.meshwarden.avro.MetricEvent control = QualityFixtures.metric(PRODUCT, 0, 0, START.plusSeconds(50));
        control.setControlTotals(Map.of("clicks", 10.0));
        harness.input(Topics.METRICS).pipeInput(PRODUCT, control, START.plusSeconds(50));
        publish(json("{\"campaign_id\": \"c-5\", \"clicks\": 1}"), 190);

        Violation breach = harness.output(Topics.VIOLATIONS).readValuesToList().stream()
                .filter(v -> v.getRuleId().equals("accuracy.clicks")).findFirst().orElseThrow();
        assertThat(breach.getStatus()).isEqualTo(ViolationStatus.BREACH);
        assertThat(breach.getObservedValue()).isEqualTo(7.0);
        assertThat(breach.getTargetValue()).isEqualTo(10.0);
        assertThat(breach.getDeviation()).isCloseTo(-0.3, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void tenThousandUndecodableRecordsAreAllCountedAndOnlyASampleIsDeadLettered() {
        byte[] garbage = {0x00, 0x13, 0x37};
        for (int i = 0; i < 10_000; i++) {
            publish(garbage, 10);
        }
        publish(json("{\"campaign_id\": \"c-1\", \"clicks\": 1}"), 130);

        QualitySnapshot snapshot = harness.output(Topics.SNAPSHOTS).readValue();
        assertThat(snapshot.getRecordsExpected()).isEqualTo(10_000);
        assertThat(snapshot.getRecordsReceived()).isZero();
        assertThat(harness.deadLetters().readRecordsToList()).hasSize(ObservedOptions.DEFAULT_SAMPLES_PER_MINUTE)
                .allSatisfy(dead -> assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("undecodable"));
        double counted = harness.driver().metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals(UndecodableRecords.METRIC)
                        && PRODUCT.equals(metric.getKey().tags().get("product-id"))
                        && "undecodable".equals(metric.getKey().tags().get("reason")))
                .mapToDouble(metric -> (Double) metric.getValue().metricValue()).sum();
        assertThat(counted).isEqualTo(10_000.0);
        List<Violation> violations = harness.output(Topics.VIOLATIONS).readValuesToList();
        assertThat(violations).filteredOn(v -> v.getStatus() == ViolationStatus.BREACH).extracting(Violation::getRuleId)
                .containsExactlyInAnyOrder("completeness", UndecodableShare.RULE_ID);
        Violation undecodable = violations.stream().filter(v -> v.getRuleId().equals(UndecodableShare.RULE_ID)).findFirst().orElseThrow();
        assertThat(undecodable.getObservedValue()).isEqualTo(1.0);
        assertThat(undecodable.getTargetValue()).isEqualTo(UndecodableShare.DEFAULT_MAX_SHARE);
        assertThat(undecodable.getCategory()).isEqualTo(ViolationCategory.SCHEMA);
        assertThat(undecodable.getMessage()).contains("10000 of the 10000 records", "100.00 %", "'undecodable' (10000)", "5.00 %");
    }

    @Test
    void theUndecodableViolationStaysOneWhileTheShareStaysAboveAndRecoversOnceUnder() {
        byte[] garbage = {0x00, 0x13, 0x37};
        for (int step = 0; step < 2; step++) {
            for (int i = 0; i < 20; i++) {
                publish(garbage, 10 + 60 * step);
            }
            publish(json("{\"campaign_id\": \"c-1\", \"clicks\": 1}"), 11 + 60 * step);
        }
        // Third step: 1 undecodable of 40 (2.5 %), under the 5 % ceiling.
        publish(garbage, 130);
        for (int i = 0; i < 39; i++) {
            publish(json("{\"campaign_id\": \"c-2\", \"clicks\": 1}"), 131);
        }
        publish(json("{\"campaign_id\": \"c-3\", \"clicks\": 1}"), 250);

        List<Violation> undecodable = harness.output(Topics.VIOLATIONS).readValuesToList().stream()
                .filter(v -> v.getRuleId().equals(UndecodableShare.RULE_ID)).toList();
        assertThat(undecodable).extracting(Violation::getStatus).containsExactly(ViolationStatus.BREACH, ViolationStatus.RECOVERY);
        assertThat(undecodable.get(0).getWindowEnd()).isEqualTo(START.plusSeconds(60));
        assertThat(undecodable.get(1).getWindowEnd()).isEqualTo(START.plusSeconds(180));
        assertThat(undecodable.get(1).getObservedValue()).isEqualTo(1.0 / 40);
    }

    @Test
    void aContractWithoutACompletenessTargetStillGetsTheUndecodableViolation() {
        DataProductContract untargeted = DataProductContract.newBuilder(contract).setVersion("1.1.0").build();
        untargeted.getGuarantees().setCompletenessPercent(null);
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, untargeted, START);
        byte[] garbage = {0x00, 0x13, 0x37};
        for (int i = 0; i < 100; i++) {
            publish(garbage, 10);
        }
        publish(json("{\"campaign_id\": \"c-1\", \"clicks\": 1}"), 130);

        assertThat(harness.output(Topics.VIOLATIONS).readValuesToList()).extracting(Violation::getRuleId)
                .containsExactly(UndecodableShare.RULE_ID);
    }

    @Test
    void theDeadLetterSampleIsPerMinuteOfWallClockTime() {
        byte[] garbage = {0x00, 0x13, 0x37};
        for (int minute = 0; minute < 3; minute++) {
            for (int i = 0; i < 50; i++) {
                publish(garbage, 10);
            }
            harness.driver().advanceWallClockTime(Duration.ofMinutes(1));
        }

        assertThat(harness.deadLetters().readRecordsToList()).hasSize(3 * ObservedOptions.DEFAULT_SAMPLES_PER_MINUTE);
    }

    @Test
    void aNewMajorKeepsThePreviousMajorsTopicObservedThroughItsSupersededEntry() {
        DataProductContract second = DataProductContract.newBuilder(contract).setVersion("2.0.0")
                .setOutputPorts(java.util.List.of(io.meshwarden.avro.OutputPort.newBuilder(contract.getOutputPorts().get(0))
                        .setTopic(PRODUCT + ".v2").build())).build();
        DataProductContract first = DataProductContract.newBuilder(contract)
                .setId(io.meshwarden.governance.lifecycle.Deprecation.supersededId(PRODUCT, 1))
                .setStatus(io.meshwarden.avro.ProductStatus.DEPRECATED).setSunsetDate("2027-01-31").setSuccessor(PRODUCT).build();
        harness.output(Topics.OBSERVED_PORTS).readRecordsToList();

        // The superseded entry first: in production the two reach their tasks in either order.
        harness.input(Topics.CATALOG).pipeInput(first.getId(), first, START);
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, second, START);

        Map<String, DataProductContract> ports = new java.util.HashMap<>();
        harness.output(Topics.OBSERVED_PORTS).readRecordsToList().forEach(port -> ports.put(port.key(), port.value()));
        assertThat(ports).containsOnlyKeys(OUTPUT_TOPIC, PRODUCT + ".v2");
        assertThat(ports.get(OUTPUT_TOPIC)).as("v1's topic, never tombstoned").isNotNull()
                .extracting(DataProductContract::getId).isEqualTo(first.getId());
    }

    @Test
    void recordsMissingANonNullableSchemaFieldCountAsIncomplete() {
        publish(json("{\"clicks\": 1}"), 10);
        publish(json("{\"campaign_id\": \"c-2\", \"clicks\": 1}"), 130);

        assertThat(harness.output(Topics.SNAPSHOTS).readValue().getCompleteness()).isEqualTo(0.0);
        assertThat(DeadLetter.header(harness.deadLetters().readRecord().headers(), DeadLetter.MESSAGE_HEADER))
                .contains("'campaign_id'");
    }

    @Test
    void aSilentOutputTopicBreachesFreshnessAndARecordRecoversIt() {
        publish(json("{\"campaign_id\": \"c-1\", \"clicks\": 3}"), 0);
        for (int second = 0; second < 7; second++) {
            harness.driver().advanceWallClockTime(Duration.ofSeconds(1));
        }
        publish(json("{\"campaign_id\": \"c-2\", \"clicks\": 3}"), 7);

        assertThat(harness.output(Topics.VIOLATIONS).readValuesToList()).extracting(Violation::getRuleId, Violation::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("freshness", ViolationStatus.BREACH),
                        org.assertj.core.groups.Tuple.tuple("freshness", ViolationStatus.RECOVERY));
    }

    @Test
    void deadLettersRecordsOfATopicNoProductOwns() {
        TestInputTopic<byte[], byte[]> stranger = harness.driver().createInputTopic("email.unregistered.v2",
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());

        stranger.pipeInput(null, json("{}"), START);

        assertThat(DeadLetter.header(harness.deadLetters().readRecord().headers(), DeadLetter.REASON_HEADER))
                .isEqualTo("unknown-product");
    }

    private void publish(byte[] value, int secondsAfterStart) {
        Instant at = START.plusSeconds(secondsAfterStart);
        output.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), value, at));
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] avro(String campaignId, Long clicks) throws IOException {
        Schema schema = new Schema.Parser().parse(contract.getProductSchema());
        GenericRecord record = new GenericData.Record(schema);
        record.put("campaign_id", campaignId);
        record.put("clicks", clicks);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record, out);
        return out.toByteArray();
    }
}
