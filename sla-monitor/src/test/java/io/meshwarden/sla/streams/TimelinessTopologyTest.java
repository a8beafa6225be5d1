package io.meshwarden.sla.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertState;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import io.meshwarden.sla.timeliness.TimeMeasure;
import io.meshwarden.sla.timeliness.TimeObjective;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's own timeliness through the production topology: the time to detect from the
 * deadline a freshness breach names, the time to notify from a breach to the alert it opens, and
 * the p99 of each against the contract's target, raising and resolving a {@code sla.time-to-*} alert.
 */
class TimelinessTopologyTest {
    private static final String CAMPAIGNS = "paid-media.campaigns";
    private static final EventCodec<Violation> VIOLATIONS = EventCodec.of(Violation.class);

    @AutoClose
    private final SlaHarness sla = new SlaHarness();

    @Test
    void measuresTimeToDetectFromTheNamedDeadlineAndTimeToNotifyUntilTheAlert() {
        sla.contract(contract(null, null));
        Instant detectedAt = sla.now().minusMillis(250);
        freshness(ViolationStatus.BREACH, detectedAt.minusMillis(1_300), detectedAt);

        TimelinessState state = sla.<TimelinessState>store(SlaStores.TIMELINESS).get(CAMPAIGNS);
        TimeObjective detect = TimeObjective.of(state.timeToDetect(), null, sla.now().toEpochMilli());
        TimeObjective notify = TimeObjective.of(state.timeToNotify(), null, sla.now().toEpochMilli());
        assertThat(detect.samples()).isEqualTo(1);
        assertThat(detect.p99Ms()).isBetween(1_300L, (long) Math.ceil(1_300 * Math.pow(2, 0.25)));
        assertThat(notify.samples()).isEqualTo(1);
        assertThat(notify.p99Ms()).isBetween(250L, (long) Math.ceil(250 * Math.pow(2, 0.25)));
        assertThat(detect.met()).isNull();
    }

    @Test
    void aViolationWithoutDeadlineIsNotATimeToDetectSample() {
        sla.contract(contract(1_000L, null));
        sla.breach(CAMPAIGNS, "naming.product-id", io.meshwarden.avro.Severity.WARNING);

        TimelinessState state = sla.<TimelinessState>store(SlaStores.TIMELINESS).get(CAMPAIGNS);
        assertThat(state.timeToDetect().isEmpty()).isTrue();
        assertThat(state.timeToNotify().count(sla.now().toEpochMilli())).isEqualTo(1);
    }

    @Test
    void theMonitorsOwnSignalsAreNotMeasured() {
        DataProductContract contract = contract(null, null);
        sla.contract(DataProductContract.newBuilder(contract).setGuarantees(QualityGuarantees.newBuilder(contract.getGuarantees())
                .setAvailabilityPercent(99.9).build()).build());
        freshness(ViolationStatus.BREACH, sla.now().minusMillis(900), sla.now());
        sla.advance(Duration.ofMinutes(2));

        assertThat(sla.emitted()).extracting(Alert::getSlaKind).contains("freshness", "burn-rate.fast");
        TimelinessState state = sla.<TimelinessState>store(SlaStores.TIMELINESS).get(CAMPAIGNS);
        assertThat(state.timeToNotify().count(sla.now().toEpochMilli())).isEqualTo(1);
    }

    @Test
    void staysQuietWhileTheP99MeetsTheTarget() {
        sla.contract(contract(2_000L, 2_000L));
        freshness(ViolationStatus.BREACH, sla.now().minusMillis(900), sla.now().minusMillis(100));
        sla.advance(Duration.ofMinutes(2));

        assertThat(sla.emitted()).extracting(Alert::getSlaKind).containsExactly("freshness");
    }

    @Test
    void raisesTheTimeToDetectObjectiveWhenTheP99ExceedsTheTargetAndResolvesItWhenTheSamplesLeaveTheWindow() {
        sla.contract(contract(1_000L, null));
        freshness(ViolationStatus.BREACH, sla.now().minusSeconds(5), sla.now());

        assertThat(sla.emitted()).extracting(Alert::getSlaKind, Alert::getState).containsExactly(
                tuple("freshness", AlertState.OPEN), tuple(ViolationRule.TIME_TO_DETECT.ruleId(), AlertState.OPEN));
        Alert objective = sla.alertStore().get(CAMPAIGNS + "/" + ViolationRule.TIME_TO_DETECT.ruleId());
        assertThat(objective.getMessage()).contains("p99 time to detect", "at most 1000 ms");

        sla.advance(Duration.ofHours(25));

        assertThat(sla.emitted()).extracting(Alert::getSlaKind, Alert::getState)
                .contains(tuple(ViolationRule.TIME_TO_DETECT.ruleId(), AlertState.RESOLVED));
        assertThat(sla.<TimelinessState>store(SlaStores.TIMELINESS).get(CAMPAIGNS)).isNull();
    }

    @Test
    void manyTimelyBreachesBringTheP99BackUnderTheTarget() {
        sla.contract(contract(1_000L, null));
        freshness(ViolationStatus.BREACH, sla.now().minusSeconds(5), sla.now());
        for (int i = 0; i < 120; i++) {
            sla.advance(Duration.ofSeconds(10));
            freshness(ViolationStatus.RECOVERY, sla.now().minusSeconds(20), sla.now());
            freshness(ViolationStatus.BREACH, sla.now().minusMillis(200), sla.now());
        }

        TimelinessState state = sla.<TimelinessState>store(SlaStores.TIMELINESS).get(CAMPAIGNS);
        assertThat(TimeObjective.of(state.timeToDetect(), 1_000L, sla.now().toEpochMilli()).met()).isTrue();
        assertThat(state.breached()).doesNotContain(TimeMeasure.DETECT);
        assertThat(sla.alertStore().get(CAMPAIGNS + "/" + ViolationRule.TIME_TO_DETECT.ruleId()).getState())
                .isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void raisesTheTimeToNotifyObjectiveWhenBreachesReachTheMonitorLate() {
        sla.contract(contract(null, 2_000L));
        Instant detectedAt = sla.now().minusSeconds(10);
        freshness(ViolationStatus.BREACH, detectedAt.minusMillis(50), detectedAt);

        Alert objective = sla.alertStore().get(CAMPAIGNS + "/" + ViolationRule.TIME_TO_NOTIFY.ruleId());
        assertThat(objective.getState()).isEqualTo(AlertState.OPEN);
        assertThat(sla.alertStore().get(CAMPAIGNS + "/" + ViolationRule.TIME_TO_DETECT.ruleId())).isNull();
    }

    @Test
    void droppingTheTargetResolvesTheObjective() {
        sla.contract(contract(1_000L, null));
        freshness(ViolationStatus.BREACH, sla.now().minusSeconds(5), sla.now());
        sla.contract(contract(null, null));

        sla.advance(AlertProcessor.TIMELINESS_CHECK);

        assertThat(sla.alertStore().get(CAMPAIGNS + "/" + ViolationRule.TIME_TO_DETECT.ruleId()).getState())
                .isEqualTo(AlertState.RESOLVED);
    }

    private void freshness(ViolationStatus status, Instant deadline, Instant detectedAt) {
        Violation violation = ViolationFactory.deadlineViolation(CAMPAIGNS, "paid-media", ViolationRule.FRESHNESS, status,
                deadline, detectedAt).setMessage(status + " of freshness").build();
        sla.violations.pipeInput(SlaHarness.bytes(CAMPAIGNS), VIOLATIONS.encode(violation, OutputFormat.AVRO), detectedAt);
    }

    /** Without an availability guarantee, so that no burn-rate alert joins in. */
    private static DataProductContract contract(Long timeToDetectMs, Long timeToNotifyMs) {
        DataProductContract contract = Samples.contract(CAMPAIGNS);
        return DataProductContract.newBuilder(contract).setGuarantees(QualityGuarantees.newBuilder(contract.getGuarantees())
                .setAvailabilityPercent(null).setTimeToDetectMs(timeToDetectMs).setTimeToNotifyMs(timeToNotifyMs).build())
                .build();
    }
}
