package io.meshwarden.quality.rolling;

import static io.meshwarden.quality.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.violation.ViolationRule;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The clock rules of the rolling quality topology, with the default one-minute step and grace and
 * five minutes of allowed clock skew; the wall clock stands at {@link TopologyHarness#START}.
 * Products A and B share the one partition of the test driver.
 */
class ClockTopologyTest {
    private static final String A = "email.send-engagement";
    private static final String B = "social.post-reach";
    private static final long TWO_MINUTES = 120_000;

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start();
    private final TestInputTopic<String, MetricEvent> metrics = harness.input(Topics.METRICS);
    private final TestOutputTopic<String, Violation> violations = harness.output(Topics.VIOLATIONS);
    private final TestOutputTopic<String, QualitySnapshot> snapshots = harness.output(Topics.SNAPSHOTS);

    @BeforeEach
    void publishTheContracts() {
        harness.input(Topics.CATALOG).pipeInput(A, QualityFixtures.contract(A, 3_600_000, 99.5, TWO_MINUTES), START);
        harness.input(Topics.CATALOG).pipeInput(B, QualityFixtures.contract(B, 3_600_000, 99.5, TWO_MINUTES), START);
    }

    @Test
    void refusesAMetricDatedBeyondTheSkewWithAViolationForItsProductAndCountsEveryLaterOne() {
        MetricEvent future = QualityFixtures.metric(A, 100, 100, Instant.parse("2099-01-01T00:00:00Z"));
        future.setNewestRecordTime(START);
        metrics.pipeInput(A, future, START);
        for (int second : new int[] {10, 70, 130, 190}) {
            send(A, 100, second);
            send(B, 100, second);
        }

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters().readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.REASON_HEADER)).isEqualTo("future-event-time");
        assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.MESSAGE_HEADER)).startsWith("eventTime: 2099-01-01");
        assertThat(EventCodec.of(MetricEvent.class).decode(dead.get(0).value())).isEqualTo(future);
        Violation clock = violations.readValue();
        assertThat(clock.getProductId()).isEqualTo(A);
        assertThat(clock.getRuleId()).isEqualTo(ViolationRule.FUTURE_EVENT_TIME.ruleId());
        assertThat(clock.getStatus()).isEqualTo(ViolationStatus.BREACH);
        assertThat(clock.getDomain()).isEqualTo("email");
        assertThat(violations.isEmpty()).isTrue();
        // Each product's windows closed on its own clock: 100 received per step, none late.
        assertThat(snapshots.readValuesToList()).extracting(QualitySnapshot::getProductId, QualitySnapshot::getWindowEnd,
                QualitySnapshot::getRecordsReceived).containsExactly(
                tuple(A, START.plusSeconds(60), 100L), tuple(B, START.plusSeconds(60), 100L),
                tuple(A, START.plusSeconds(120), 200L), tuple(B, START.plusSeconds(120), 200L));
        assertThat(harness.store(RollingQualityTopology.CLOCK_STORE).get(A)).isEqualTo(START.plusSeconds(190).toEpochMilli());
    }

    @Test
    void acceptsAMetricWithinTheSkew() {
        send(A, 100, 10);
        send(A, 100, 290);

        assertThat(harness.deadLetters().isEmpty()).isTrue();
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void oneProductsClockNeverMakesAnothersMetricsLate() {
        // A's pipeline is current; B's runs an hour behind, which is its own business.
        harness.driver().advanceWallClockTime(Duration.ofHours(1));
        send(A, 100, 3_600);
        send(A, 100, 3_730);
        send(B, 100, 10);
        send(B, 100, 130);

        assertThat(harness.deadLetters().isEmpty()).as("nothing is late").isTrue();
        assertThat(snapshots.readValuesToList()).extracting(QualitySnapshot::getProductId, QualitySnapshot::getRecordsReceived)
                .containsExactly(tuple(A, 100L), tuple(B, 100L));
    }

    @Test
    void aMetricIsStillLateOnItsOwnProductsClock() {
        send(A, 100, 10);
        send(A, 100, 130);
        send(B, 100, 10);
        send(A, 100, 50);

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters().readRecordsToList();
        assertThat(dead).extracting(r -> DeadLetter.header(r.headers(), DeadLetter.REASON_HEADER)).containsExactly("late");
        assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.MESSAGE_HEADER)).contains(A)
                .contains("the product's own clock " + START.plusSeconds(130));
    }

    @Test
    void refusesANewestRecordTimeBeyondTheSkewSoTheProductCannotLookFreshUntilThen() {
        MetricEvent stale = QualityFixtures.metric(A, 100, 100, START);
        stale.setNewestRecordTime(Instant.parse("2099-01-01T00:00:00Z"));
        metrics.pipeInput(A, stale, START);

        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("future-record-time");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).startsWith("newestRecordTime: ");
        assertThat(harness.store(RollingQualityTopology.FRESHNESS_STORE).get(A))
                .extracting("newestRecordTime").isNull();
        assertThat(harness.store(RollingQualityTopology.CLOCK_STORE).get(A)).isNull();
    }

    @Test
    void aSilentProductsLastWindowClosesOnItsClockOnceItHasBeenIdle() {
        send(A, 100, 10);
        advanceWallClockMinutes(59);
        assertThat(snapshots.isEmpty()).as("within the idle time its clock stands still").isTrue();

        // Idle for an hour, the clock runs on with the wall clock, an hour behind; [0, 60 s) closes at 120 s.
        advanceWallClockMinutes(3);
        assertThat(snapshots.readValuesToList()).extracting(QualitySnapshot::getProductId, QualitySnapshot::getWindowEnd,
                QualitySnapshot::getRecordsReceived).first().isEqualTo(tuple(A, START.plusSeconds(60), 100L));
        assertThat(harness.deadLetters().isEmpty()).isTrue();
    }

    private void advanceWallClockMinutes(int minutes) {
        for (int i = 0; i < minutes; i++) {
            harness.driver().advanceWallClockTime(Duration.ofMinutes(1));
        }
    }

    private void send(String product, long loaded, int secondsAfterStart) {
        Instant at = START.plusSeconds(secondsAfterStart);
        metrics.pipeInput(product, QualityFixtures.metric(product, loaded, loaded, at), at);
    }
}
