package io.meshwarden.sla.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class ViolationTopologyTest {
    private static final String CAMPAIGNS = "paid-media.campaigns";
    private static final EventCodec<Violation> CODEC = EventCodec.of(Violation.class);

    @AutoClose
    private final SlaHarness harness = new SlaHarness();
    private final TopicCatalog topics = harness.topics;
    private final Topology topology = harness.topology;
    private final TestInputTopic<byte[], byte[]> violations = harness.violations;
    private final TestOutputTopic<byte[], byte[]> deadLetters = harness.deadLetters;
    private final KeyValueStore<String, Violation> store = harness.driver.getKeyValueStore(SlaStores.VIOLATIONS);

    @Test
    void storesViolationsFoundByTheirProductPrefixOnly() {
        pipe(Samples.violation(CAMPAIGNS, "naming"), OutputFormat.AVRO);
        pipe(Samples.violation(CAMPAIGNS, "retention"), OutputFormat.JSON);
        // Its id starts with the other product's id: a careless prefix would find it too.
        pipe(Samples.violation(CAMPAIGNS + "-eu", "naming"), OutputFormat.AVRO);

        assertThat(productViolations(CAMPAIGNS)).extracting(Violation::getRuleId).containsExactlyInAnyOrder("naming", "retention");
        assertThat(productViolations(CAMPAIGNS + "-eu")).extracting(Violation::getRuleId).containsExactly("naming");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void recoveryUpdatesTheStoredBreach() {
        Violation breach = Samples.violation(CAMPAIGNS, "freshness");
        pipe(breach, OutputFormat.AVRO);
        pipe(recovery(breach, Duration.ofMinutes(5)), OutputFormat.JSON);

        assertThat(productViolations(CAMPAIGNS)).singleElement()
                .satisfies(v -> assertThat(v.getStatus()).isEqualTo(ViolationStatus.RECOVERY))
                .satisfies(v -> assertThat(v.getDetectedAt()).isEqualTo(Samples.T0.plus(Duration.ofMinutes(5))));
    }

    @Test
    void lateBreachDoesNotReopenANewerRecovery() {
        Violation breach = Samples.violation(CAMPAIGNS, "freshness");
        pipe(recovery(breach, Duration.ofMinutes(5)), OutputFormat.AVRO);
        pipe(breach, OutputFormat.AVRO);

        assertThat(productViolations(CAMPAIGNS)).singleElement()
                .satisfies(v -> assertThat(v.getStatus()).isEqualTo(ViolationStatus.RECOVERY));
    }

    @Test
    void routesRandomBytesToTheDeadLetterTopicAndKeepsProcessing() {
        byte[] garbage = new byte[64];
        new Random(42).nextBytes(garbage);
        garbage[0] = 0x07; // neither the Avro marker nor '{'
        pipe(Samples.violation(CAMPAIGNS, "naming"), OutputFormat.AVRO);
        violations.pipeInput(key(CAMPAIGNS), garbage, Samples.T0);
        pipe(Samples.violation(CAMPAIGNS, "retention"), OutputFormat.AVRO);

        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(1);
        TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.key()).isEqualTo(key(CAMPAIGNS));
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON_HEADER)).isEqualTo("undecodable");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.TOPIC_HEADER)).isEqualTo(topics.name(Topics.VIOLATIONS));
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.PARTITION_HEADER)).isEqualTo("0");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.OFFSET_HEADER)).isEqualTo("1");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.FAILED_AT_HEADER)).isEqualTo(Samples.T0.toString());
        assertThat(productViolations(CAMPAIGNS)).extracting(Violation::getRuleId).containsExactlyInAnyOrder("naming", "retention");
    }

    @Test
    void routesViolationsWithoutKeyToTheDeadLetterTopic() {
        violations.pipeInput(null, CODEC.encode(Samples.violation(CAMPAIGNS, "naming"), OutputFormat.AVRO), Samples.T0);

        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON_HEADER)).isEqualTo("missing-key");
        assertThat(productViolations(CAMPAIGNS)).isEmpty();
    }

    @Test
    void routesJsonThatDoesNotFitTheSchemaWithItsReason() {
        violations.pipeInput(key(CAMPAIGNS), "{\"productId\": 42}".getBytes(StandardCharsets.UTF_8), Samples.T0);

        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON_HEADER)).isEqualTo("schema-mismatch");
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.OFFSET_HEADER)).isEqualTo("0");
    }

    /**
     * Pins the topology: a renamed or reordered node would orphan state and changelogs. After a
     * deliberate change: {@code mvn -q -pl sla-monitor test -Dtest=ViolationTopologyTest -Dtopology.update=true}.
     */
    @Test
    void topologyKeepsItsNamedSourcesProcessorsStoresAndSinks() throws IOException {
        String actual = topology.describe().toString().strip();
        Path pinned = Path.of("src/test/resources/sla-topology.txt");
        if (Boolean.getBoolean("topology.update")) {
            Files.writeString(pinned, actual + "\n");
        }
        try (InputStream expected = getClass().getResourceAsStream("/sla-topology.txt")) {
            assertThat(expected).as("src/test/resources/sla-topology.txt").isNotNull();
            assertThat(actual).isEqualTo(Boolean.getBoolean("topology.update") ? Files.readString(pinned).strip()
                    : new String(expected.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }

    private void pipe(Violation violation, OutputFormat format) {
        violations.pipeInput(key(violation.getProductId()), CODEC.encode(violation, format), violation.getDetectedAt());
    }

    private static Violation recovery(Violation breach, Duration later) {
        return Violation.newBuilder(breach).setStatus(ViolationStatus.RECOVERY).setMessage("recovered")
                .setDetectedAt(breach.getDetectedAt().plus(later)).build();
    }

    private List<Violation> productViolations(String productId) {
        List<Violation> found = new ArrayList<>();
        try (KeyValueIterator<String, Violation> entries = store.prefixScan(ViolationKey.productPrefix(productId), new StringSerializer())) {
            entries.forEachRemaining((KeyValue<String, Violation> entry) -> found.add(entry.value));
        }
        return found;
    }

    private static byte[] key(String productId) {
        return productId.getBytes(StandardCharsets.UTF_8);
    }
}
