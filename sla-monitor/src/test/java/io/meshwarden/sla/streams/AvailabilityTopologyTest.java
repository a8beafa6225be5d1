package io.meshwarden.sla.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertState;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Severity;
import io.meshwarden.schemas.Samples;
import io.meshwarden.sla.budget.SlaStatus;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Availability from freshness outages, and burn-rate alerts, through the production topology. */
class AvailabilityTopologyTest {
    private static final String CAMPAIGNS = "paid-media.campaigns";

    @AutoClose
    private final SlaHarness sla = new SlaHarness();

    @Test
    void freshnessOutagesSpendTheErrorBudgetOfTheContractsGuarantee() {
        sla.contract(Samples.contract(CAMPAIGNS)); // 99.9 %: 43.2 minutes of budget in 30 days
        sla.breach(CAMPAIGNS, "freshness", Severity.BLOCKING);
        sla.advance(Duration.ofMinutes(6));
        sla.recover(CAMPAIGNS, "freshness", Severity.BLOCKING);
        sla.advance(Duration.ofMinutes(54));

        SlaStatus status = SlaStatus.of(sla.availabilityStore().get(CAMPAIGNS).downtime(), 99.9, sla.now().toEpochMilli());
        assertThat(status.down()).isFalse();
        assertThat(status.availability1h()).isCloseTo(0.9, offset(1e-9));
        assertThat(status.availability24h()).isCloseTo(1 - 6.0 / 1440, offset(1e-9));
        assertThat(status.budgetRemaining()).isCloseTo(1 - 6 / 43.2, offset(1e-9));
    }

    @Test
    void longOutageRaisesTheFastBurnAlertAndRecoveryResolvesIt() {
        sla.contract(Samples.contract(CAMPAIGNS));
        sla.breach(CAMPAIGNS, "freshness", Severity.BLOCKING);
        sla.emitted(); // the freshness alert itself
        // 14.4x of a 0.1 % budget over one hour is 51.8 seconds down within the hour.
        sla.advance(Duration.ofSeconds(50));
        assertThat(sla.emitted()).isEmpty();
        sla.advance(Duration.ofSeconds(5));
        assertThat(sla.emitted()).singleElement().satisfies(alert -> {
            assertThat(alert.getAlertId()).isEqualTo(CAMPAIGNS + "/burn-rate.fast");
            assertThat(alert.getSeverity()).isEqualTo(Severity.BLOCKING);
            assertThat(alert.getState()).isEqualTo(AlertState.OPEN);
        });

        sla.recover(CAMPAIGNS, "freshness", Severity.BLOCKING);
        // The 5-minute window stops burning 14.4x once less than 4.3 s of it were down.
        sla.advance(Duration.ofMinutes(5));
        assertThat(sla.emitted()).extracting(Alert::getAlertId, Alert::getState).contains(
                tuple(CAMPAIGNS + "/freshness", AlertState.RESOLVED),
                tuple(CAMPAIGNS + "/burn-rate.fast", AlertState.RESOLVED));
    }

    @Test
    void productWithoutAnAvailabilityGuaranteeHasAvailabilityButNoBudgetOrBurnAlerts() {
        DataProductContract contract = Samples.contract(CAMPAIGNS);
        contract.setGuarantees(QualityGuarantees.newBuilder(contract.getGuarantees()).setAvailabilityPercent(null).build());
        sla.contract(contract);
        sla.breach(CAMPAIGNS, "freshness", Severity.BLOCKING);
        sla.emitted();
        sla.advance(Duration.ofMinutes(30));

        assertThat(sla.emitted()).extracting(Alert::getAlertId).doesNotContain(CAMPAIGNS + "/burn-rate.fast");
        SlaStatus status = SlaStatus.of(sla.availabilityStore().get(CAMPAIGNS).downtime(), null, sla.now().toEpochMilli());
        assertThat(status.availability1h()).isCloseTo(0.5, offset(1e-9));
        assertThat(status.budgetRemaining()).isNull();
    }
}
