package io.meshwarden.quality.anomaly;

import static io.meshwarden.quality.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.AnomalyBand;
import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.quality.rolling.QualityFixtures;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToLongFunction;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The anomaly detectors in the production quality topology: hourly loads of a product with a weekly pattern,
 * an hour-long completeness window (the detectors' period) and one-hour steps, five weeks back from the
 * harness's wall clock; the detectors' violations read from the violations topic.
 */
class AnomalyTopologyTest {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final int WEEK = 168;
    private static final int WEEKS = 5;
    /** Hour 0 of the history, a Monday at midnight, so that the last step ends before the wall clock. */
    private static final Instant FIRST = ZonedDateTime.ofInstant(START, ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
            .with(DayOfWeek.MONDAY).minusWeeks(WEEKS).toInstant();

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start(QualityOptions.defaults().withStepMs(HOUR));
    private final TestInputTopic<String, MetricEvent> metrics = harness.input(Topics.METRICS);
    private final TestOutputTopic<String, Violation> violations = harness.output(Topics.VIOLATIONS);
    private final TestOutputTopic<String, QualitySnapshot> snapshots = harness.output(Topics.SNAPSHOTS);
    private final TestOutputTopic<String, AnomalyBands> bands = harness.output(Topics.ANOMALY_BANDS);

    /** About 1,000 records at 14:00, 40 % at night, 60 % at weekends, 2 % noise; 1 % nulls in clicks. */
    private static IntToLongFunction weekly(long seed) {
        Random random = new Random(seed);
        long[] loads = new long[(WEEKS + 1) * WEEK];
        for (int hour = 0; hour < loads.length; hour++) {
            ZonedDateTime at = FIRST.plusMillis(hour * HOUR).atZone(ZoneOffset.UTC);
            double daily = 0.4 + 0.6 * Math.exp(-Math.pow(at.getHour() - 14, 2) / 18.0);
            boolean weekend = at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY;
            loads[hour] = Math.round(1000 * daily * (weekend ? 0.6 : 1.0) * (1 + 0.02 * random.nextGaussian()));
        }
        return hour -> loads[hour];
    }

    private void register(Map<String, String> properties) {
        DataProductContract contract = QualityFixtures.contract(PRODUCT, Duration.ofDays(400).toMillis(), 0.0, HOUR);
        contract.setProperties(new HashMap<>(properties));
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, contract, FIRST.toEpochMilli());
    }

    /** One load per hour, ten minutes past, of {@code loaded.applyAsLong(hour)} records, from hour {@code from} to {@code to}. */
    private void load(int from, int to, IntToLongFunction loaded) {
        for (int hour = from; hour < to; hour++) {
            long records = loaded.applyAsLong(hour);
            Instant at = FIRST.plusMillis(hour * HOUR + 10 * 60_000);
            metrics.pipeInput(PRODUCT, QualityFixtures.metric(PRODUCT, records, records, at,
                    Map.of("clicks", records / 100)), at);
        }
    }

    private List<Violation> anomalies() {
        return violations.readValuesToList().stream().filter(v -> v.getCategory() == ViolationCategory.ANOMALY).toList();
    }

    @Test
    void aWeeklyPatternRaisesNothingAfterWarmUpAndTheBandsTopicCarriesTheBands() {
        register(Map.of());
        load(0, WEEKS * WEEK, weekly(1));

        assertThat(anomalies()).isEmpty();
        List<AnomalyBands> written = bands.readValuesToList();
        AnomalyBands last = written.get(written.size() - 1);
        AnomalyBand volume = last.getBands().get(AnomalyWatch.VOLUME);
        assertThat(last.getProductId()).isEqualTo(PRODUCT);
        assertThat(volume.getState()).isEqualTo("normal");
        assertThat(volume.getObserved()).isBetween(volume.getLow(), volume.getHigh());
        assertThat(volume.getLow()).isLessThan(volume.getExpected()).isPositive();
        assertThat(last.getBands()).containsKeys("null-rate.clicks", "null-rate.campaign_id", AnomalyWatch.ARRIVAL_GAP);
        assertThat(snapshots.readValuesToList()).as("snapshots leave the bands to their own topic")
                .allSatisfy(snapshot -> assertThat(snapshot.getAnomalyBands()).isEmpty());
    }

    @Test
    void bandsAreWrittenWhenAJudgementChangesThemNotAtEveryStep() {
        try (TopologyFixture minutes = TopologyHarness.start(QualityOptions.defaults().withStepMs(60_000))) {
            minutes.input(Topics.CATALOG).pipeInput(PRODUCT, QualityFixtures.contract(PRODUCT, Duration.ofDays(400).toMillis(),
                    0.0, HOUR), FIRST.toEpochMilli());
            TestInputTopic<String, MetricEvent> loads = minutes.input(Topics.METRICS);
            int hours = 3;
            for (int load = 0; load < hours * 12; load++) {
                Instant at = FIRST.plusMillis(load * 5 * 60_000L + 30_000);
                loads.pipeInput(PRODUCT, QualityFixtures.metric(PRODUCT, 100, 100, at, Map.of("clicks", 1L)), at);
            }

            int steps = minutes.output(Topics.SNAPSHOTS).readValuesToList().size();
            List<AnomalyBands> written = minutes.output(Topics.ANOMALY_BANDS).readValuesToList();
            // Each closed hour judges volume and null rates once, and each hour's first load its gap since the last.
            assertThat(steps).isGreaterThan(100);
            assertThat(written).hasSizeBetween(hours, 2 * hours);
            assertThat(written.get(written.size() - 1).getBands()).containsKeys(AnomalyWatch.VOLUME, AnomalyWatch.ARRIVAL_GAP);
        }
    }

    @Test
    void aDropAtTheSeasonalPeakIsFlaggedNamingTheMetricAndRecoversWhenTheVolumeIsBack() {
        register(Map.of());
        IntToLongFunction normal = weekly(2);
        int peak = 3 * WEEK + 2 * 24 + 14;
        load(0, peak + 24, hour -> hour == peak ? normal.applyAsLong(hour) / 2 : normal.applyAsLong(hour));

        List<Violation> anomalies = anomalies();
        assertThat(anomalies).extracting(Violation::getRuleId, Violation::getStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple("anomaly.volume", ViolationStatus.BREACH),
                org.assertj.core.groups.Tuple.tuple("anomaly.volume", ViolationStatus.RECOVERY));
        Violation breach = anomalies.get(0);
        assertThat(breach.getWindowStart()).isEqualTo(FIRST.plusMillis(peak * HOUR));
        assertThat(breach.getObservedValue()).isEqualTo((double) (normal.applyAsLong(peak) / 2));
        assertThat(breach.getTargetValue()).isGreaterThan(breach.getExpectedLow()).isGreaterThan(breach.getObservedValue());
        assertThat(breach.getExpectedLow()).isGreaterThan(breach.getObservedValue());
        assertThat(breach.getAnomalyScore()).isLessThan(-3.5);
        assertThat(breach.getMessage()).contains("volume", "below", "expected");
        assertThat(anomalies.get(1).getWindowStart()).isEqualTo(FIRST.plusMillis((peak + 1) * HOUR));
    }

    @Test
    void anOutageIsNotLearnedAndTheFirstNormalHourAfterItRaisesNothingNew() {
        register(Map.of());
        IntToLongFunction normal = weekly(3);
        int outage = 3 * WEEK + 10;
        load(0, 4 * WEEK + 24, hour -> hour >= outage && hour < outage + 6 ? 0 : normal.applyAsLong(hour));

        // From the week of the outage on (seed 3's young Monday factor gives one CUSUM alarm two weeks in, before it).
        assertThat(anomalies()).filteredOn(v -> !v.getWindowStart().isBefore(FIRST.plusMillis(3 * WEEK * HOUR)))
                .extracting(Violation::getRuleId, Violation::getStatus, Violation::getWindowStart)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("anomaly.volume", ViolationStatus.BREACH, FIRST.plusMillis(outage * HOUR)),
                        org.assertj.core.groups.Tuple.tuple("anomaly.volume", ViolationStatus.RECOVERY,
                                FIRST.plusMillis((outage + 6) * HOUR)));
    }

    @Test
    void aMinimumAbsoluteChangeAndAMaintenanceWindowSuppressWhatTheyCover() {
        IntToLongFunction normal = weekly(4);
        int wednesday = 3 * WEEK + 2 * 24;
        register(Map.of("anomaly.minAbsoluteChange", "600", "anomaly.maintenance", "WED 02:00-05:00"));
        load(0, wednesday + 24, hour -> hour == wednesday + 14 ? normal.applyAsLong(hour) / 2
                : hour >= wednesday + 2 && hour < wednesday + 5 ? 0 : normal.applyAsLong(hour));

        assertThat(anomalies()).isEmpty();
    }

    @Test
    void aLateLoadIsAnArrivalGapAnomaly() {
        register(Map.of());
        IntToLongFunction normal = weekly(5);
        int late = 3 * WEEK + 30;
        load(0, late, normal);
        Instant lateLoad = FIRST.plusMillis((late + 4) * HOUR + 10 * 60_000);
        metrics.pipeInput(PRODUCT, QualityFixtures.metric(PRODUCT, 900, 900, lateLoad), lateLoad);

        assertThat(anomalies()).filteredOn(v -> v.getRuleId().equals("anomaly.arrival-gap"))
                .extracting(Violation::getStatus, Violation::getObservedValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ViolationStatus.BREACH, (double) (5 * HOUR)));
    }

    @Test
    void aProductThatTurnsDetectionOffGetsNone() {
        register(Map.of("anomaly.enabled", "false"));
        IntToLongFunction normal = weekly(6);
        load(0, 3 * WEEK, hour -> hour == 2 * WEEK + 14 ? 0 : normal.applyAsLong(hour));

        assertThat(anomalies()).isEmpty();
        assertThat(harness.store(io.meshwarden.quality.rolling.RollingQualityTopology.ANOMALY_STORE).approximateNumEntries())
                .isZero();
    }
}
