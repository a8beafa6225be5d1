package io.meshwarden.sla.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertAction;
import io.meshwarden.avro.AlertState;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Severity;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.Samples;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alert lifecycle through the production topology: one alert per (product, rule), events only on transitions. */
class AlertLifecycleTopologyTest {
    private static final String CAMPAIGNS = "paid-media.campaigns";
    private static final String FRESHNESS_ALERT = CAMPAIGNS + "/freshness";

    @AutoClose
    private final SlaHarness sla = new SlaHarness();

    @BeforeEach
    void publishTheContract() {
        // Without an availability target, so that long freshness outages raise no burn-rate alerts here
        // (AvailabilityTopologyTest covers those).
        DataProductContract contract = Samples.contract(CAMPAIGNS);
        contract.setGuarantees(QualityGuarantees.newBuilder(contract.getGuarantees()).setAvailabilityPercent(null).build());
        sla.contract(contract);
    }

    @Test
    void firstBreachOpensOneAlertWithOwnerStewardAndRunbook() {
        sla.breach(CAMPAIGNS, "freshness", Severity.BLOCKING);

        assertThat(sla.alerts.readRecordsToList()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(FRESHNESS_ALERT);
            Alert alert = record.value();
            assertThat(alert.getState()).isEqualTo(AlertState.OPEN);
            assertThat(alert.getTransition()).isEqualTo("opened");
            assertThat(alert.getOccurrences()).isEqualTo(1);
            assertThat(alert.getOwnerTeam()).isEqualTo("paid-media-team");
            assertThat(alert.getSteward()).isEqualTo("steward@paid-media.example");
            assertThat(alert.getRunbookUrl()).isEqualTo("https://runbooks.example/sla/freshness");
        });
    }

    @Test
    void repeatedBreachesRewriteTheAlertButNeitherItsTrackNorTheAvailability() {
        sla.changelogWrites(SlaStores.ALERTS); // the contract's writes are not counted
        for (int i = 0; i < 3; i++) {
            sla.breach(CAMPAIGNS, "freshness", Severity.BLOCKING);
            sla.advance(Duration.ofSeconds(1));
        }

        assertThat(sla.changelogWrites(SlaStores.ALERTS)).as("opened, then two occurrence counts").isEqualTo(3);
        assertThat(sla.changelogWrites(SlaStores.ALERT_TRACKS)).as("breaching since the first").isEqualTo(1);
        assertThat(sla.changelogWrites(SlaStores.AVAILABILITY)).as("down since the first").isEqualTo(1);
        assertThat(sla.alertStore().get(FRESHNESS_ALERT).getOccurrences()).isEqualTo(3);

        sla.recover(CAMPAIGNS, "freshness", Severity.BLOCKING);

        assertThat(sla.changelogWrites(SlaStores.ALERT_TRACKS)).isEqualTo(1);
        assertThat(sla.changelogWrites(SlaStores.AVAILABILITY)).isEqualTo(1);
        assertThat(sla.<AvailabilityState>store(SlaStores.AVAILABILITY).get(CAMPAIGNS).downtime().down()).isFalse();
    }

    @Test
    void repeatedBreachesCountOccurrencesWithoutANewEvent() {
        sla.breach(CAMPAIGNS, "naming.product-id", Severity.WARNING);
        sla.advance(Duration.ofSeconds(1));
        sla.breach(CAMPAIGNS, "naming.product-id", Severity.WARNING);
        sla.advance(Duration.ofSeconds(1));
        sla.breach(CAMPAIGNS, "naming.product-id", Severity.WARNING);

        assertThat(sla.emitted()).extracting(Alert::getTransition).containsExactly("opened");
        Alert stored = sla.alertStore().get(CAMPAIGNS + "/naming.product-id");
        assertThat(stored.getOccurrences()).isEqualTo(3);
        assertThat(stored.getLastSeen()).isEqualTo(sla.now());
        assertThat(stored.getFirstSeen()).isEqualTo(Samples.T0);
    }

    @Test
    void differentRulesOfOneProductAreDifferentAlerts() {
        sla.breach(CAMPAIGNS, "freshness", Severity.BLOCKING);
        sla.breach(CAMPAIGNS, "completeness", Severity.WARNING);

        assertThat(sla.emitted()).extracting(Alert::getAlertId)
                .containsExactly(FRESHNESS_ALERT, CAMPAIGNS + "/completeness");
    }

    @Test
    void recoveryResolvesTheAlertAndTheNextBreachOpensANewOne() {
        sla.breach(CAMPAIGNS, "freshness", Severity.BLOCKING);
        sla.advance(Duration.ofMinutes(5));
        sla.recover(CAMPAIGNS, "freshness", Severity.BLOCKING);
        sla.advance(Duration.ofMinutes(5));
        sla.breach(CAMPAIGNS, "freshness", Severity.BLOCKING);

        List<Alert> events = sla.emitted();
        assertThat(events).extracting(Alert::getState).containsExactly(AlertState.OPEN, AlertState.RESOLVED, AlertState.OPEN);
        assertThat(events.get(1).getTransition()).isEqualTo("auto-resolved");
        assertThat(events.get(2).getOccurrences()).isEqualTo(1);
        assertThat(events.get(2).getFirstSeen()).isEqualTo(sla.now());
    }

    @Test
    void acknowledgeCommandArrivesThroughTheRepartitionAndStopsEscalation() {
        sla.breach(CAMPAIGNS, "freshness", Severity.BLOCKING);
        sla.advance(Duration.ofMinutes(1));
        sla.command(FRESHNESS_ALERT, AlertAction.ACKNOWLEDGE, null);
        sla.advance(Duration.ofHours(1));

        List<Alert> events = sla.emitted();
        assertThat(events).extracting(Alert::getState).containsExactly(AlertState.OPEN, AlertState.ACKNOWLEDGED);
        assertThat(events.get(1).getAcknowledgedBy()).isEqualTo("ana");
        assertThat(sla.alertStore().get(FRESHNESS_ALERT).getState()).isEqualTo(AlertState.ACKNOWLEDGED);
    }

    @Test
    void unacknowledgedAlertEscalatesAfterItsSeverityTimeoutOnce() {
        sla.breach(CAMPAIGNS, "freshness", Severity.BLOCKING);
        sla.breach(CAMPAIGNS, "completeness", Severity.WARNING);
        sla.advance(Duration.ofMinutes(14));
        assertThat(sla.emitted()).extracting(Alert::getState).containsOnly(AlertState.OPEN);

        sla.advance(Duration.ofMinutes(2));
        assertThat(sla.emitted()).singleElement().satisfies(alert -> {
            assertThat(alert.getAlertId()).isEqualTo(FRESHNESS_ALERT);
            assertThat(alert.getState()).isEqualTo(AlertState.ESCALATED);
        });

        sla.advance(Duration.ofHours(4));
        assertThat(sla.emitted()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(tuple(CAMPAIGNS + "/completeness", AlertState.ESCALATED));
    }

    @Test
    void snoozedAlertReopensWhenTheSnoozeEndsWhileStillBreaching() {
        sla.breach(CAMPAIGNS, "naming.product-id", Severity.BLOCKING);
        sla.command(CAMPAIGNS + "/naming.product-id", AlertAction.SNOOZE, sla.now().plus(Duration.ofMinutes(30)));
        sla.advance(Duration.ofMinutes(20));
        assertThat(sla.emitted()).extracting(Alert::getState).containsExactly(AlertState.OPEN, AlertState.SNOOZED);

        sla.advance(Duration.ofMinutes(11));
        assertThat(sla.emitted()).singleElement().satisfies(alert -> {
            assertThat(alert.getState()).isEqualTo(AlertState.OPEN);
            assertThat(alert.getTransition()).isEqualTo("snooze-expired");
        });
    }

    @Test
    void resolveCommandClosesAnAlertThatNeverRecovers() {
        sla.breach(CAMPAIGNS, "naming.product-id", Severity.BLOCKING);
        sla.command(CAMPAIGNS + "/naming.product-id", AlertAction.RESOLVE, null);
        sla.command(CAMPAIGNS + "/naming.product-id", AlertAction.ACKNOWLEDGE, null);

        assertThat(sla.emitted()).extracting(Alert::getTransition).containsExactly("opened", "resolved");
    }

    @Test
    void productThatKeepsBreachingAndRecoveringIsHeldAsOneFlappingAlertUntilStable() {
        for (int cycle = 0; cycle < 8; cycle++) {
            sla.breach(CAMPAIGNS, "freshness", Severity.BLOCKING);
            sla.advance(Duration.ofMinutes(1));
            sla.recover(CAMPAIGNS, "freshness", Severity.BLOCKING);
            sla.advance(Duration.ofMinutes(1));
        }
        // Three ordinary episodes, then the fourth recovery within 30 minutes makes it flapping.
        assertThat(sla.emitted()).extracting(Alert::getState).containsExactly(
                AlertState.OPEN, AlertState.RESOLVED, AlertState.OPEN, AlertState.RESOLVED,
                AlertState.OPEN, AlertState.RESOLVED, AlertState.OPEN, AlertState.FLAPPING);
        assertThat(sla.alertStore().get(FRESHNESS_ALERT).getOccurrences()).isEqualTo(5);

        sla.advance(Duration.ofMinutes(27)); // 28 minutes after the last recovery
        assertThat(sla.emitted()).isEmpty();
        sla.advance(Duration.ofMinutes(3));
        assertThat(sla.emitted()).singleElement().satisfies(alert -> {
            assertThat(alert.getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(alert.getTransition()).isEqualTo("stabilized");
        });
    }

    @Test
    void commandWithoutARuleInItsAlertIdGoesToTheDeadLetterTopic() {
        sla.command("no-separator", AlertAction.ACKNOWLEDGE, null);

        TestRecord<byte[], byte[]> letter = sla.deadLetters.readRecord();
        assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON_HEADER)).isEqualTo("schema-mismatch");
        assertThat(sla.emitted()).isEmpty();
    }
}
