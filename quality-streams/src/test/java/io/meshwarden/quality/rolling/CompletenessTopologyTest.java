package io.meshwarden.quality.rolling;

import static io.meshwarden.quality.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import java.nio.charset.StandardCharsets;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Completeness on stream (metric event) time, with the default one-minute step and grace: a window
 * of two minutes closes when stream time passes its end plus the grace period.
 */
class CompletenessTopologyTest {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final long TWO_MINUTES = 120_000;

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start();
    private final TestInputTopic<String, MetricEvent> metrics = harness.input(Topics.METRICS);
    private final TestOutputTopic<String, Violation> violations = harness.output(Topics.VIOLATIONS);
    private final TestOutputTopic<String, QualitySnapshot> snapshots = harness.output(Topics.SNAPSHOTS);

    @BeforeEach
    void publishTheContract() {
        DataProductContract contract = QualityFixtures.contract(PRODUCT, 3_600_000, 99.5, TWO_MINUTES);
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, contract, START);
    }

    @Test
    void breachesCompletenessWhenAClosedWindowFallsBelowTarget() {
        send(90, 100, 10);
        send(100, 100, 130);

        Violation breach = violations.readValue();
        assertThat(breach.getRuleId()).isEqualTo("completeness");
        assertThat(breach.getCategory()).isEqualTo(ViolationCategory.COMPLETENESS);
        assertThat(breach.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(breach.getStatus()).isEqualTo(ViolationStatus.BREACH);
        assertThat(breach.getObservedValue()).isEqualTo(0.9);
        assertThat(breach.getTargetValue()).isEqualTo(0.995);
        assertThat(breach.getWindowStart()).isEqualTo(START.minusSeconds(60));
        assertThat(breach.getWindowEnd()).isEqualTo(START.plusSeconds(60));
        assertThat(violations.isEmpty()).isTrue();
        QualitySnapshot snapshot = snapshots.readValue();
        assertThat(snapshot.getRecordsReceived()).isEqualTo(90);
        assertThat(snapshot.getRecordsExpected()).isEqualTo(100);
        assertThat(snapshot.getCompleteness()).isEqualTo(0.9);
        assertThat(snapshot.getCompletenessTarget()).isEqualTo(0.995);
    }

    @Test
    void staysSilentWhileAWindowMeetsTheTarget() {
        send(1000, 1000, 10);
        send(999, 1000, 70);
        send(1000, 1000, 250);

        assertThat(violations.isEmpty()).isTrue();
        assertThat(snapshots.readValuesToList()).extracting(QualitySnapshot::getWindowEnd, QualitySnapshot::getCompleteness)
                .containsExactly(tuple(START.plusSeconds(60), 1.0), tuple(START.plusSeconds(120), 0.9995),
                        tuple(START.plusSeconds(180), 0.999));
    }

    @Test
    void breachesOncePerEpisodeAndRecoversWhenALaterWindowMeetsTheTarget() {
        send(90, 100, 10);
        send(100, 100, 130);
        send(100, 100, 250);

        assertThat(violations.readValuesToList())
                .extracting(Violation::getStatus, Violation::getObservedValue, Violation::getWindowEnd)
                .containsExactly(tuple(ViolationStatus.BREACH, 0.9, START.plusSeconds(60)),
                        tuple(ViolationStatus.RECOVERY, 1.0, START.plusSeconds(180)));
        assertThat(snapshots.readValuesToList()).extracting(QualitySnapshot::getWindowEnd, QualitySnapshot::getCompleteness)
                .containsExactly(tuple(START.plusSeconds(60), 0.9), tuple(START.plusSeconds(120), 0.9),
                        tuple(START.plusSeconds(180), 1.0));
    }

    @Test
    void breachesTheNonNullRatioOfARequiredField() {
        send(100, 100, 10, Map.of("clicks", 20L, "email", 50L));
        send(100, 100, 130);

        assertThat(violations.readValuesToList()).extracting(Violation::getRuleId, Violation::getObservedValue)
                .containsExactly(tuple("completeness.clicks", 0.8));
        assertThat(snapshots.readValue().getRequiredFieldCompleteness())
                .containsExactlyInAnyOrderEntriesOf(Map.of("campaign_id", 1.0, "clicks", 0.8));
    }

    @Test
    void countsLateMetricsWithinTheGracePeriod() {
        send(100, 100, 100);
        send(50, 100, 10);
        send(100, 100, 130);

        QualitySnapshot snapshot = snapshots.readValue();
        assertThat(snapshot.getWindowEnd()).isEqualTo(START.plusSeconds(60));
        assertThat(snapshot.getRecordsReceived()).isEqualTo(50);
        assertThat(violations.readValue().getObservedValue()).isEqualTo(0.5);
        assertThat(harness.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void deadLettersMetricsLaterThanTheGracePeriodAndDoesNotCountThem() {
        send(100, 100, 10);
        send(100, 100, 130);
        MetricEvent late = QualityFixtures.metric(PRODUCT, 0, 100, START.plusSeconds(50));
        metrics.pipeInput(PRODUCT, late, START.plusSeconds(140));
        send(100, 100, 190);

        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("late");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).contains("closed at " + START.plusSeconds(60));
        assertThat(EventCodec.of(MetricEvent.class).decode(dead.value())).isEqualTo(late);
        assertThat(snapshots.readValuesToList()).extracting(QualitySnapshot::getRecordsReceived).containsExactly(100L, 100L);
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void deadLettersMetricsOfProductsNotInTheCatalog() {
        MetricEvent stray = QualityFixtures.metric("email.unknown-product", 1, 1, START);

        metrics.pipeInput(stray.getProductId(), stray, START);
        waitOutTheContractWait();

        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("unknown-product");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.TOPIC_HEADER)).isEqualTo("mesh.products.metrics");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).contains("'email.unknown-product'");
    }

    @Test
    void deadLettersARejectedMetricAsTheBytesItArrivedAs() {
        MetricEvent stray = QualityFixtures.metric("email.unknown-product", 1, 1, START);
        byte[] json = EventCodec.of(MetricEvent.class).encode(stray, OutputFormat.JSON);

        harness.rawInput(Topics.METRICS).pipeInput(stray.getProductId().getBytes(StandardCharsets.UTF_8), json, START);
        waitOutTheContractWait();

        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(dead.value()).isEqualTo(json);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("email.unknown-product");
    }

    /** A metric of a product without a contract waits for it, on the wall clock, before it is dead-lettered. */
    private void waitOutTheContractWait() {
        assertThat(harness.deadLetters().isEmpty()).as("it waits for its contract first").isTrue();
        harness.driver().advanceWallClockTime(Duration.ofMillis(QualityOptions.defaults().contractWaitMs() + 1_000));
    }

    private void send(long loaded, long expected, int secondsAfterStart) {
        send(loaded, expected, secondsAfterStart, Map.of());
    }

    private void send(long loaded, long expected, int secondsAfterStart, Map<String, Long> nulls) {
        Instant at = START.plusSeconds(secondsAfterStart);
        metrics.pipeInput(PRODUCT, QualityFixtures.metric(PRODUCT, loaded, expected, at, nulls), at);
    }
}
