package io.meshwarden.quality.anomaly;

import io.meshwarden.governance.anomaly.AnomalySettings;
import io.meshwarden.governance.anomaly.Direction;
import io.meshwarden.governance.anomaly.MaintenanceWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.quality.anomaly.Judgement.Transition;
import io.meshwarden.quality.anomaly.Judgement.Verdict;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
    private static final long HOUR = 3_600_000L;
    /** Monday 5 January 2026, 00:00 UTC. */
    private static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    private static final int WEEK = 168;

    private final AnomalyDetector detector = new AnomalyDetector();

    /** A business-day curve peaking at 14:00, weekends at 60 %, about 1,000 records at the peak, 2 % noise. */
    private static IntToDoubleFunction weekly(long seed) {
        Random random = new Random(seed);
        return step -> {
            ZonedDateTime at = Instant.ofEpochMilli(START + step * HOUR).atZone(ZoneOffset.UTC);
            double daily = 0.4 + 0.6 * Math.exp(-Math.pow(at.getHour() - 14, 2) / 18.0);
            boolean weekend = at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY;
            return Math.round(1000 * daily * (weekend ? 0.6 : 1.0) * (1 + 0.02 * random.nextGaussian()));
        };
    }

    private record Run(Baseline state, List<Judgement> judgements) {
        List<Judgement> from(int step) {
            return judgements.subList(step, judgements.size());
        }
    }

    private Run run(IntToDoubleFunction values, int steps, AnomalySettings settings) {
        return continueRun(Baseline.empty(), 0, values, steps, settings);
    }

    private Run continueRun(Baseline state, int from, IntToDoubleFunction values, int steps, AnomalySettings settings) {
        List<Judgement> judgements = new ArrayList<>();
        for (int step = from; step < from + steps; step++) {
            double value = values.applyAsDouble(step);
            Judgement judgement = detector.judge(state, MetricKind.VOLUME, settings, START + step * HOUR, value, (long) value);
            judgements.add(judgement);
            state = judgement.next();
        }
        return new Run(state, judgements);
    }

    @Test
    void aWeeklyPatternRaisesNothingAfterWarmUpAndNothingIsJudgedDuringIt() {
        Run run = run(weekly(1), 5 * WEEK, AnomalySettings.DEFAULTS);

        assertThat(run.judgements().subList(0, WEEK)).extracting(Judgement::verdict).containsOnly(Verdict.WARMING_UP);
        assertThat(run.from(WEEK)).extracting(Judgement::verdict).containsOnly(Verdict.NORMAL);
    }

    @Test
    void aDropAtTheSeasonalPeakIsFlaggedAtOnceThoughTheNightIsLowerStill() {
        IntToDoubleFunction normal = weekly(2);
        int peak = 3 * WEEK + 2 * 24 + 14; // Wednesday 14:00 of the fourth week
        Run run = run(step -> step == peak ? normal.applyAsDouble(step) * 0.55 : normal.applyAsDouble(step), peak + 1,
                AnomalySettings.DEFAULTS);

        Judgement drop = run.judgements().get(peak);
        assertThat(drop.verdict()).isEqualTo(Verdict.ANOMALOUS);
        assertThat(drop.transition()).isEqualTo(Transition.OPENED);
        assertThat(drop.observed()).isLessThan(drop.low()).isGreaterThan(normal.applyAsDouble(peak - 14) * 0.3);
        assertThat(drop.score()).isLessThan(-AnomalySettings.DEFAULT_SENSITIVITY);
    }

    @Test
    void anOutageIsNotLearnedTheFirstNormalStepAfterItRecoversAndRaisesNothing() {
        IntToDoubleFunction normal = weekly(3);
        int outage = 2 * WEEK + 10;
        Run before = run(normal, outage, AnomalySettings.DEFAULTS);
        Run during = continueRun(before.state(), outage, step -> 0, 12, AnomalySettings.DEFAULTS);
        Run after = continueRun(during.state(), outage + 12, normal, WEEK, AnomalySettings.DEFAULTS);

        assertThat(during.judgements()).extracting(Judgement::verdict).containsOnly(Verdict.ANOMALOUS);
        assertThat(during.judgements().get(0).transition()).isEqualTo(Transition.OPENED);
        assertThat(during.state().level()).isEqualTo(before.state().level());
        assertThat(after.judgements().get(0).transition()).isEqualTo(Transition.RECOVERED);
        assertThat(after.judgements()).extracting(Judgement::verdict).containsOnly(Verdict.NORMAL);
    }

    @Test
    void aMinimumAbsoluteChangeSuppressesADropTooSmallToMatter() {
        IntToDoubleFunction normal = weekly(4);
        int step = 2 * WEEK + 14;
        IntToDoubleFunction dropped = s -> s == step ? normal.applyAsDouble(s) - 300 : normal.applyAsDouble(s);
        AnomalySettings tolerant = new AnomalySettings(AnomalySettings.DEFAULT_SENSITIVITY, Optional.empty(), 500, List.of(),
                Set.of(), true);

        assertThat(run(dropped, step + 1, AnomalySettings.DEFAULTS).judgements().get(step).verdict()).isEqualTo(Verdict.ANOMALOUS);
        assertThat(run(dropped, step + 1, tolerant).judgements().get(step).verdict()).isEqualTo(Verdict.NORMAL);
    }

    @Test
    void aMaintenanceWindowNeitherFlagsNorLearns() {
        IntToDoubleFunction normal = weekly(5);
        int sunday = 2 * WEEK + 6 * 24;
        IntToDoubleFunction paused = s -> s >= sunday + 2 && s < sunday + 4 ? 0 : normal.applyAsDouble(s);
        AnomalySettings maintained = new AnomalySettings(AnomalySettings.DEFAULT_SENSITIVITY, Optional.empty(), 0,
                List.of(MaintenanceWindow.parse("SUN 02:00-04:00")), Set.of(), true);
        Run run = run(paused, sunday + 6, maintained);

        assertThat(run.judgements().subList(sunday + 2, sunday + 4)).extracting(Judgement::verdict)
                .containsOnly(Verdict.MAINTENANCE);
        assertThat(run.judgements().get(sunday + 3).next()).isEqualTo(run.judgements().get(sunday + 1).next());
        assertThat(run.from(WEEK)).extracting(Judgement::verdict).doesNotContain(Verdict.ANOMALOUS);
    }

    @Test
    void aDeclaredHolidayIsJudgedAsASunday() {
        IntToDoubleFunction normal = weekly(6);
        LocalDate holiday = LocalDate.of(2026, 1, 26); // the fourth Monday
        int first = 3 * WEEK;
        IntToDoubleFunction quiet = s -> s >= first && s < first + 24 ? normal.applyAsDouble(s + 6 * 24) : normal.applyAsDouble(s);
        AnomalySettings declared = new AnomalySettings(AnomalySettings.DEFAULT_SENSITIVITY, Optional.empty(), 0, List.of(),
                Set.of(holiday), true);

        assertThat(run(quiet, first + 24, AnomalySettings.DEFAULTS).from(first)).extracting(Judgement::verdict)
                .contains(Verdict.ANOMALOUS);
        assertThat(run(quiet, first + 24, declared).from(WEEK)).extracting(Judgement::verdict).containsOnly(Verdict.NORMAL);
    }

    @Test
    void aTinyProductIsJudgedOnWhatCountingNoiseAllows() {
        Random random = new Random(7);
        IntToDoubleFunction tiny = step -> step == 2 * WEEK + 5 ? 1 : 6 + random.nextInt(5) - 2;

        assertThat(run(tiny, 3 * WEEK, AnomalySettings.DEFAULTS).from(WEEK)).extracting(Judgement::verdict)
                .doesNotContain(Verdict.ANOMALOUS);
    }

    /** A tiny product: Poisson counts of about 12 an hour, the same every hour. */
    private static IntToDoubleFunction poisson(double mean, long seed) {
        Random random = new Random(seed);
        return step -> {
            double limit = Math.exp(-mean);
            int count = -1;
            for (double product = 1; product > limit; product *= random.nextDouble()) {
                count++;
            }
            return count;
        };
    }

    @Test
    void aTinyProductLoadingNothingForAnHourIsFlaggedByItsCountsTail() {
        IntToDoubleFunction normal = poisson(12, 11);
        int empty = 2 * WEEK + 30;
        Run run = run(step -> step == empty ? 0 : normal.applyAsDouble(step), empty + 1, AnomalySettings.DEFAULTS);

        Judgement judged = run.judgements().get(empty);
        // (0 − 12) / √12 is 3.5 deviations, short of the learned band; P(X = 0 | 12) = 6e-6 is not.
        assertThat(judged.verdict()).isEqualTo(Verdict.ANOMALOUS);
        assertThat(judged.score()).isLessThan(-AnomalySettings.DEFAULT_SENSITIVITY);
        assertThat(judged.low()).isPositive();
    }

    @Test
    void aTinyProductsCountingNoiseRaisesFewerFalseAlarmsThanTheBudget() {
        // 100 product-weeks of pure counting noise: at the sensitivity's one-sided tail (2.3e-4 a step) and the
        // counted CUSUM, about 0.04 alarms a product-week are expected; the aim for every metric together is 0.25.
        int weeks = 0;
        int alarms = 0;
        for (long seed = 0; seed < 20; seed++) {
            List<Judgement> judged = run(poisson(12, seed), 6 * WEEK, AnomalySettings.DEFAULTS).from(WEEK);
            weeks += judged.size() / WEEK;
            alarms += (int) judged.stream().filter(j -> j.transition() == Transition.OPENED).count();
        }
        assertThat(alarms / (double) weeks).as("%d alarms in %d product-weeks", alarms, weeks).isLessThanOrEqualTo(0.1);
    }

    @Test
    void aSmallShortfallHeldOverHoursIsFlaggedByItsSumThoughNoSingleStepIs() {
        IntToDoubleFunction normal = weekly(8);
        int from = 2 * WEEK + 9;
        Run run = run(step -> step >= from ? normal.applyAsDouble(step) * 0.9 : normal.applyAsDouble(step), from + 24,
                AnomalySettings.DEFAULTS);

        List<Judgement> shortfall = run.from(from);
        assertThat(shortfall).allSatisfy(j -> assertThat(Math.abs(j.score())).isLessThan(AnomalySettings.DEFAULT_SENSITIVITY));
        assertThat(shortfall).extracting(Judgement::verdict).contains(Verdict.ANOMALOUS);
    }

    @Test
    void aDirectionOfSpikesLetsDropsPass() {
        IntToDoubleFunction normal = weekly(9);
        int step = 2 * WEEK + 14;
        AnomalySettings spikes = new AnomalySettings(AnomalySettings.DEFAULT_SENSITIVITY, Optional.of(Direction.SPIKE), 0,
                List.of(), Set.of(), true);

        assertThat(run(s -> s == step ? 0 : normal.applyAsDouble(s), step + 1, spikes).judgements().get(step).verdict())
                .isEqualTo(Verdict.NORMAL);
        assertThat(run(s -> s == step ? normal.applyAsDouble(s) * 3 : normal.applyAsDouble(s), step + 1, spikes)
                .judgements().get(step).verdict()).isEqualTo(Verdict.ANOMALOUS);
    }

    @Test
    void badSettingsAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> MaintenanceWindow.parse("sunday at two")).hasMessageContaining("DAY HH:MM-HH:MM");
        assertThatThrownBy(() -> MaintenanceWindow.parse("XYZ 02:00-04:00")).hasMessageContaining("MON..SUN");
        assertThatThrownBy(() -> MaintenanceWindow.parse("SUN 2am-4am")).hasMessageContaining("HH:MM");
        assertThatThrownBy(() -> Direction.of("down")).hasMessageContaining("drop, spike, both");
        assertThatThrownBy(() -> new AnomalySettings(0, Optional.empty(), 0, List.of(), Set.of(), true))
                .hasMessageContaining("sensitivity");
        assertThatThrownBy(() -> new AnomalySettings(3, Optional.empty(), -1, List.of(), Set.of(), true))
                .hasMessageContaining("minAbsoluteChange");
    }

    @Test
    void aWindowPastMidnightCoversBothSides() {
        MaintenanceWindow window = MaintenanceWindow.parse("SAT 23:00-01:00");

        assertThat(window.covers(Instant.parse("2026-01-10T23:30:00Z").toEpochMilli())).isTrue();
        assertThat(window.covers(Instant.parse("2026-01-11T00:30:00Z").toEpochMilli())).isTrue();
        assertThat(window.covers(Instant.parse("2026-01-11T01:30:00Z").toEpochMilli())).isFalse();
        assertThat(window.covers(Instant.parse("2026-01-09T23:30:00Z").toEpochMilli())).isFalse();
    }
}
