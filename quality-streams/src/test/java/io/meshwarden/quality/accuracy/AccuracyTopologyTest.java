package io.meshwarden.quality.accuracy;

import static io.meshwarden.quality.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.quality.rolling.QualityFixtures;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.quality.rolling.RollingQualityTopology;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Accuracy reconciliation in the production quality topology: a product promising 1 % accuracy over a
 * one-day completeness window (the reconciled period), loaded hourly; each run reports the spend and clicks
 * it loaded, and the source platform's control totals for the day come with the day's last run, or later,
 * as restatements.
 */
class AccuracyTopologyTest {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    /** Midnight of the first reconciled day, ten days before the harness's wall clock. */
    private static final Instant DAY_ONE = START.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10));

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start(QualityOptions.defaults().withStepMs(HOUR)
            .withAccuracyHorizonMs(Duration.ofDays(3).toMillis()));
    private final TestInputTopic<String, MetricEvent> metrics = harness.input(Topics.METRICS);
    private final TestOutputTopic<String, Violation> violations = harness.output(Topics.VIOLATIONS);

    private void register(Double tolerancePercent) {
        DataProductContract contract = QualityFixtures.contract(PRODUCT, Duration.ofDays(400).toMillis(), 0.0, DAY);
        contract.getGuarantees().setAccuracyTolerancePercent(tolerancePercent);
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, contract, DAY_ONE.toEpochMilli());
    }

    /** Day {@code day}'s 24 hourly runs, each loading 100 records, {@code spend / 24} and 10 clicks; the last one reports the controls. */
    private void loadDay(int day, double spend, Map<String, Double> control) {
        for (int hour = 0; hour < 24; hour++) {
            Instant at = DAY_ONE.plusMillis(day * DAY + hour * HOUR + 10 * 60_000);
            MetricEvent run = QualityFixtures.metric(PRODUCT, 100, 100, at);
            run.setLoadedTotals(Map.of("spend", spend / 24, "clicks", 10.0));
            if (hour == 23) {
                run.setControlTotals(control);
            }
            metrics.pipeInput(PRODUCT, run, at);
        }
    }

    /** A run with nothing loaded that restates day {@code day}'s control totals, at {@code at}. */
    private void restate(int day, Map<String, Double> control, Instant at) {
        MetricEvent restatement = QualityFixtures.metric(PRODUCT, 0, 0, at);
        restatement.setControlTotals(control);
        restatement.setControlPeriodStart(DAY_ONE.plusMillis(day * DAY + 3 * HOUR));
        metrics.pipeInput(PRODUCT, restatement, at);
    }

    /** The first run of the day after {@code day}: its time closes {@code day}. */
    private void closeDay(int day) {
        Instant at = DAY_ONE.plusMillis((day + 1) * DAY + 10 * 60_000);
        metrics.pipeInput(PRODUCT, QualityFixtures.metric(PRODUCT, 100, 100, at), at);
    }

    /** The starts of the periods the accuracy store keeps. */
    private List<Instant> keptPeriods() {
        List<Instant> starts = new java.util.ArrayList<>();
        try (var all = harness.<PeriodTotals>store(RollingQualityTopology.ACCURACY_STORE).all()) {
            all.forEachRemaining(entry -> starts.add(Instant.ofEpochMilli(Long.parseLong(
                    entry.key.substring(entry.key.lastIndexOf('|') + 1)))));
        }
        return starts;
    }

    private List<Violation> accuracy() {
        return violations.readValuesToList().stream().filter(v -> v.getCategory() == ViolationCategory.ACCURACY).toList();
    }

    @Test
    void aLoadedTotalOffTheSourcesByMoreThanTheToleranceIsABreachNamingTheMeasureBothTotalsAndTheDeviation() {
        register(1.0);
        loadDay(0, 2_400, Map.of("spend", 2_500.0, "clicks", 240.0));
        assertThat(accuracy()).as("judged when the day closes, not before").isEmpty();

        closeDay(0);

        List<Violation> breaches = accuracy();
        assertThat(breaches).extracting(Violation::getRuleId, Violation::getStatus)
                .containsExactly(tuple("accuracy.spend", ViolationStatus.BREACH));
        Violation breach = breaches.get(0);
        assertThat(breach.getObservedValue()).isCloseTo(2_400.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(breach.getTargetValue()).isEqualTo(2_500.0);
        assertThat(breach.getDeviation()).isCloseTo(-0.04, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(breach.getExpectedLow()).isEqualTo(2_475.0);
        assertThat(breach.getExpectedHigh()).isEqualTo(2_525.0);
        assertThat(breach.getWindowStart()).isEqualTo(DAY_ONE);
        assertThat(breach.getWindowEnd()).isEqualTo(DAY_ONE.plusMillis(DAY));
        assertThat(breach.getMessage()).contains("spend", "loaded 2400", "the source reports 2500", "-4.00 %", "tolerance 1.00 %");
    }

    @Test
    void aRestatementReplacesTheEarlierControlTotalAndTheBreachRecoversOrReopens() {
        register(1.0);
        loadDay(0, 2_400, Map.of("spend", 2_500.0));
        closeDay(0);
        assertThat(accuracy()).extracting(Violation::getStatus).containsExactly(ViolationStatus.BREACH);

        // The platform revises the day to 2,410: within 1 % of the 2,400 loaded. Summed with 2,500 it would not be.
        restate(0, Map.of("spend", 2_410.0), DAY_ONE.plusMillis(DAY + 12 * HOUR));
        List<Violation> recovered = accuracy();
        assertThat(recovered).extracting(Violation::getRuleId, Violation::getStatus)
                .containsExactly(tuple("accuracy.spend", ViolationStatus.RECOVERY));
        assertThat(recovered.get(0).getTargetValue()).isEqualTo(2_410.0);

        // And revises it again, to 2,300: out by 4.3 %, a breach again, with the new figure.
        restate(0, Map.of("spend", 2_300.0), DAY_ONE.plusMillis(DAY + 13 * HOUR));
        List<Violation> reopened = accuracy();
        assertThat(reopened).extracting(Violation::getStatus).containsExactly(ViolationStatus.BREACH);
        assertThat(reopened.get(0).getTargetValue()).isEqualTo(2_300.0);
        assertThat(reopened.get(0).getViolationId()).isNotEqualTo(recovered.get(0).getViolationId());
    }

    @Test
    void eachRunReportsTheDaySoFarAndTheLatestReportCountsNotTheirSum() {
        register(1.0);
        for (int hour = 0; hour < 24; hour++) {
            Instant at = DAY_ONE.plusMillis(hour * HOUR + 10 * 60_000);
            MetricEvent run = QualityFixtures.metric(PRODUCT, 100, 100, at);
            run.setLoadedTotals(Map.of("spend", 100.0));
            run.setControlTotals(Map.of("spend", 100.0 * (hour + 1)));
            metrics.pipeInput(PRODUCT, run, at);
        }
        closeDay(0);
        assertThat(accuracy()).as("2,400 loaded, the platform's last report 2,400").isEmpty();

        // The same day again, but the platform's last report of day 1 says 2,500: out by 4 %.
        for (int hour = 0; hour < 24; hour++) {
            Instant at = DAY_ONE.plusMillis(DAY + hour * HOUR + 10 * 60_000);
            MetricEvent run = QualityFixtures.metric(PRODUCT, 100, 100, at);
            run.setLoadedTotals(Map.of("spend", 100.0));
            run.setControlTotals(Map.of("spend", hour == 23 ? 2_500.0 : 100.0 * (hour + 1)));
            metrics.pipeInput(PRODUCT, run, at);
        }
        closeDay(1);
        assertThat(accuracy()).extracting(Violation::getTargetValue, Violation::getWindowStart)
                .containsExactly(tuple(2_500.0, DAY_ONE.plusMillis(DAY)));
    }

    @Test
    void aCorrectDayDoesNotMakeYesterdayRight() {
        register(1.0);
        loadDay(0, 2_400, Map.of("spend", 2_500.0));
        loadDay(1, 2_400, Map.of("spend", 2_400.0));
        closeDay(1);
        assertThat(accuracy()).extracting(Violation::getStatus).containsExactly(ViolationStatus.BREACH);

        restate(0, Map.of("spend", 2_400.0), DAY_ONE.plusMillis(2 * DAY + HOUR));
        assertThat(accuracy()).extracting(Violation::getStatus, Violation::getWindowStart)
                .containsExactly(tuple(ViolationStatus.RECOVERY, DAY_ONE));
    }

    @Test
    void aSourceTotalForADayInWhichNothingOfTheMeasureWasLoadedIsABreach() {
        register(1.0);
        Instant at = DAY_ONE.plusMillis(20 * HOUR);
        MetricEvent run = QualityFixtures.metric(PRODUCT, 100, 100, at);
        run.setControlTotals(Map.of("conversions", 12.0));
        metrics.pipeInput(PRODUCT, run, at);
        closeDay(0);

        List<Violation> breaches = accuracy();
        assertThat(breaches).extracting(Violation::getRuleId).containsExactly("accuracy.conversions");
        assertThat(breaches.get(0).getObservedValue()).isZero();
        assertThat(breaches.get(0).getDeviation()).isEqualTo(-1.0);
    }

    @Test
    void aRestatementBeyondTheHorizonIsDeadLetteredLateAndChangesNothing() {
        register(1.0);
        loadDay(0, 2_400, Map.of("spend", 2_500.0));
        closeDay(0);
        assertThat(accuracy()).hasSize(1);

        restate(0, Map.of("spend", 2_400.0), DAY_ONE.plusMillis(5 * DAY));

        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("late");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER))
                .contains("controlPeriodStart", "restatement horizon", "can no longer be reconciled");
        assertThat(accuracy()).isEmpty();
    }

    @Test
    void aBreachedDayThatLeavesTheHorizonUnrestatedRecoversSayingSoAndItsTotalsAreForgotten() {
        register(1.0);
        loadDay(0, 2_400, Map.of("spend", 2_500.0));
        closeDay(0);
        assertThat(accuracy()).hasSize(1);
        for (int day = 1; day <= 4; day++) {
            loadDay(day, 2_400, Map.of("spend", 2_400.0));
        }
        closeDay(4);

        List<Violation> recovered = accuracy();
        assertThat(recovered).extracting(Violation::getStatus).containsExactly(ViolationStatus.RECOVERY);
        assertThat(recovered.get(0).getMessage()).contains("left the restatement horizon without a restatement");
        assertThat(keptPeriods()).as("days 2 to 4: day 5 began, so days 0 and 1 ended three days (the horizon) before it")
                .containsExactly(DAY_ONE.plusMillis(2 * DAY), DAY_ONE.plusMillis(3 * DAY), DAY_ONE.plusMillis(4 * DAY));
    }

    @Test
    void aProductThatPromisesNoAccuracyIsNotReconciled() {
        register(null);
        loadDay(0, 2_400, Map.of("spend", 2_500.0));
        closeDay(0);

        assertThat(accuracy()).isEmpty();
        assertThat(keptPeriods()).isEmpty();
    }
}
