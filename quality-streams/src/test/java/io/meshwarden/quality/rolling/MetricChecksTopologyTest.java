package io.meshwarden.quality.rolling;

import static io.meshwarden.quality.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The semantic rules of metric events, checked by the decode step: each broken rule is dead-lettered
 * with its own reason and a message naming the field, and the metric changes no state at all.
 */
class MetricChecksTopologyTest {
    private static final String PRODUCT = "email.send-engagement";

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start();
    private final TestInputTopic<String, MetricEvent> metrics = harness.input(Topics.METRICS);
    private final TestOutputTopic<String, QualitySnapshot> snapshots = harness.output(Topics.SNAPSHOTS);

    @BeforeEach
    void publishTheContract() {
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, QualityFixtures.contract(PRODUCT, 3_600_000, 99.5, 120_000), START);
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                rule("negative-count", "recordsLoaded", m -> m.setRecordsLoaded(-1_000_000_000L)),
                rule("negative-count", "recordsExpected", m -> m.setRecordsExpected(-5L)),
                rule("negative-count", "fieldNullCounts[send_id]", m -> m.setFieldNullCounts(Map.of("send_id", -400L))),
                rule("count-above-loaded", "fieldNullCounts[send_id]", m -> m.setFieldNullCounts(Map.of("send_id", 101L))),
                rule("count-above-loaded", "fieldMissingCounts[send_id]", m -> m.setFieldMissingCounts(Map.of("send_id", 101L))),
                rule("count-above-loaded", "fieldInvalidCounts[send_id]", m -> m.setFieldInvalidCounts(Map.of("send_id", 101L))),
                rule("schema-mismatch", "fieldInvalidCounts[$observed]", m -> m.setFieldInvalidCounts(
                        Map.of("$undecodable:undecodable", 10L, "$observed", 10L, "send_id", 1L))),
                rule("count-above-loaded", "fieldDuplicateCounts[send_id]", m -> m.setFieldDuplicateCounts(Map.of("send_id", 101L))),
                rule("negative-count", "duplicateRecords", m -> m.setDuplicateRecords(-1L)),
                rule("count-above-loaded", "duplicateRecords", m -> m.setDuplicateRecords(101L)),
                rule("future-record-time", "newestRecordTime", m -> m.setNewestRecordTime(START.plus(Duration.ofMinutes(6)))),
                rule("invalid-total", "loadedTotals[spend]", m -> m.setLoadedTotals(Map.of("spend", Double.NaN))),
                rule("invalid-total", "controlTotals[spend]", m -> m.setControlTotals(Map.of("spend", 2e12))),
                rule("invalid-total", "controlTotals[clicks]", m -> m.setControlTotals(Map.of("clicks", Double.NEGATIVE_INFINITY))),
                rule("future-event-time", "controlPeriodStart", m -> {
                    m.setControlTotals(Map.of("spend", 1.0));
                    m.setControlPeriodStart(m.getEventTime().plus(Duration.ofHours(2)));
                }),
                rule("string-out-of-bounds", "pipelineRunId", m -> m.setPipelineRunId("r".repeat(1_025))),
                rule("string-out-of-bounds", "sourcePlatform", m -> m.setSourcePlatform("p".repeat(1_025))),
                rule("string-out-of-bounds", "fieldNullCounts[] key", m -> m.setFieldNullCounts(Map.of("", 1L))),
                rule("too-many-entries", "fieldNullCounts", m -> m.setFieldNullCounts(manyCounts(1_001))),
                rule("too-many-entries", "observedValues", m -> m.setObservedValues(java.util.stream.IntStream.range(0, 1_001)
                        .boxed().collect(java.util.stream.Collectors.toMap(i -> "f" + i, i -> "v")))));
    }

    private static Map<String, Long> manyCounts(int entries) {
        return java.util.stream.IntStream.range(0, entries).boxed()
                .collect(java.util.stream.Collectors.toMap(i -> "field_" + i, i -> 0L));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("brokenRules")
    void deadLettersAMetricThatBreaksARuleAndAppliesNoneOfIt(String reason, String field, Consumer<MetricEvent> breakIt) {
        MetricEvent bad = QualityFixtures.metric(PRODUCT, 100, 100, START.plusSeconds(10));
        breakIt.accept(bad);
        metrics.pipeInput(PRODUCT, bad, START.plusSeconds(10));

        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo(reason);
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).startsWith(field + ": ");
        assertThat(harness.store(RollingQualityTopology.BUCKETS_STORE).approximateNumEntries()).isZero();
        assertThat(harness.store(RollingQualityTopology.CLOCK_STORE).get(PRODUCT)).isNull();
        assertThat(harness.store(RollingQualityTopology.FRESHNESS_STORE).get(PRODUCT)).extracting("newestRecordTime").isNull();

        // The next valid metrics are judged as if the bad one had never come.
        send(100, 10);
        send(100, 130);
        assertThat(snapshots.readValue().getRecordsReceived()).isEqualTo(100L);
    }

    @Test
    void acceptsCountsAtTheirBounds() {
        MetricEvent edge = QualityFixtures.metric(PRODUCT, 100, 0, START.plusSeconds(10), Map.of("send_id", 100L));
        edge.setDuplicateRecords(100L);
        edge.setNewestRecordTime(START.plus(Duration.ofMinutes(5)));
        metrics.pipeInput(PRODUCT, edge, START.plusSeconds(10));

        assertThat(harness.deadLetters().isEmpty()).isTrue();
    }

    private void send(long loaded, int secondsAfterStart) {
        Instant at = START.plusSeconds(secondsAfterStart);
        metrics.pipeInput(PRODUCT, QualityFixtures.metric(PRODUCT, loaded, loaded, at), at);
    }

    private static Arguments rule(String reason, String field, Consumer<MetricEvent> breakIt) {
        return Arguments.of(reason, field, breakIt);
    }
}
