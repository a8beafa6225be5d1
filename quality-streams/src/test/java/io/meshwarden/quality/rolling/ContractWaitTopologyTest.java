package io.meshwarden.quality.rolling;

import static io.meshwarden.quality.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A metric that arrives before its product's contract waits for it, on the wall clock, up to
 * {@code meshwarden.quality.contract.wait.ms} (one minute by default): counted if the contract comes
 * within that, dead-lettered {@code unknown-product} after it.
 */
class ContractWaitTopologyTest {
    private static final String PRODUCT = "email.send-engagement";
    private static final long WAIT_MS = QualityOptions.defaults().contractWaitMs();

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start();
    private final TestInputTopic<String, MetricEvent> metrics = harness.input(Topics.METRICS);
    private final TestOutputTopic<String, QualitySnapshot> snapshots = harness.output(Topics.SNAPSHOTS);

    @Test
    void countsAMetricWhoseContractArrivesWithinTheWait() {
        metrics.pipeInput(PRODUCT, QualityFixtures.metric(PRODUCT, 70, 100, START.plusSeconds(5)), START.plusSeconds(5));
        harness.driver().advanceWallClockTime(Duration.ofMillis(WAIT_MS - 2_000));
        publishTheContract();
        send(100, 130);

        assertThat(harness.deadLetters().isEmpty()).isTrue();
        QualitySnapshot first = snapshots.readValue();
        assertThat(first.getWindowEnd()).isEqualTo(START.plusSeconds(60));
        assertThat(first.getRecordsReceived()).isEqualTo(70L);
        assertThat(harness.store(RollingQualityTopology.PENDING_STORE).approximateNumEntries()).isZero();
    }

    @Test
    void deadLettersAMetricWhoseContractDoesNotArriveWithinTheWaitAsItArrived() {
        MetricEvent early = QualityFixtures.metric(PRODUCT, 70, 100, START.plusSeconds(5));
        metrics.pipeInput(PRODUCT, early, START.plusSeconds(5));
        harness.driver().advanceWallClockTime(Duration.ofMillis(WAIT_MS - 2_000));
        assertThat(harness.deadLetters().isEmpty()).as("still waiting").isTrue();
        harness.driver().advanceWallClockTime(Duration.ofMillis(3_000));
        publishTheContract();
        send(100, 130);

        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("unknown-product");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.TOPIC_HEADER)).isEqualTo("mesh.products.metrics");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).contains("within " + WAIT_MS + " ms");
        assertThat(EventCodec.of(MetricEvent.class).decode(dead.value())).isEqualTo(early);
        assertThat(dead.timestamp()).isEqualTo(START.plusSeconds(5).toEpochMilli());
        assertThat(harness.deadLetters().isEmpty()).isTrue();
        assertThat(snapshots.isEmpty()).as("the expired metric was not counted; nothing closed yet").isTrue();
    }

    private void publishTheContract() {
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, QualityFixtures.contract(PRODUCT, 3_600_000, 99.5, 120_000),
                START.plusSeconds(58));
    }

    private void send(long loaded, int secondsAfterStart) {
        Instant at = START.plusSeconds(secondsAfterStart);
        metrics.pipeInput(PRODUCT, QualityFixtures.metric(PRODUCT, loaded, loaded, at), at);
    }
}
