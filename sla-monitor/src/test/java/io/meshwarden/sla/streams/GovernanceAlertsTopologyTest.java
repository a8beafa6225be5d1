package io.meshwarden.sla.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertState;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import io.meshwarden.sla.alerts.RejectedChangeAlerts;
import io.meshwarden.sla.alerts.SlaPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Governance alerts through the production SLA topology: a RECOVERY of the rule resolves its alert;
 * violations of rejected changes open no alert unless {@code meshwarden.sla.alert.rejected-changes} says so.
 */
class GovernanceAlertsTopologyTest {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final ViolationRule PII = new ViolationRule("classification.pii", ViolationCategory.CLASSIFICATION,
            Severity.BLOCKING);
    private static final ViolationRule TAGS = new ViolationRule("metadata.tags", ViolationCategory.DOCUMENTATION,
            Severity.WARNING);

    private static SlaPolicy policy(String rejectedChanges) {
        SlaPolicy base = SlaHarness.POLICY;
        return new SlaPolicy(base.escalateBlockingAfter(), base.escalateWarningAfter(), base.flapCycles(), base.flapWindow(),
                base.runbookBaseUrl(), base.punctuateInterval(), base.retention(), RejectedChangeAlerts.parse(rejectedChanges));
    }

    private static Violation violation(SlaHarness sla, ViolationRule rule, ViolationStatus status, String occasion,
                                       boolean rejectedChange) {
        return ViolationFactory.violation(PRODUCT, "paid-media", rule, status, occasion, sla.now())
                .setMessage(status + " of " + rule.ruleId()).setRejectedChange(rejectedChange).build();
    }

    @Test
    void aPolicyAlertResolvesOnTheRecoveryOfItsRule() {
        try (SlaHarness sla = new SlaHarness()) {
            sla.contract(Samples.contract(PRODUCT));
            sla.pipe(violation(sla, TAGS, ViolationStatus.BREACH, "change-1", false));
            sla.advance(Duration.ofMinutes(5));
            sla.pipe(violation(sla, TAGS, ViolationStatus.RECOVERY, "change-2", false));

            assertThat(sla.emitted()).extracting(Alert::getAlertId, Alert::getState, Alert::getTransition).containsExactly(
                    tuple(PRODUCT + "/metadata.tags", AlertState.OPEN, "opened"),
                    tuple(PRODUCT + "/metadata.tags", AlertState.RESOLVED, "auto-resolved"));
        }
    }

    @Test
    void aRejectedChangeOpensNoAlertByDefault() {
        try (SlaHarness sla = new SlaHarness(policy(""))) {
            sla.contract(Samples.contract(PRODUCT));
            sla.pipe(violation(sla, PII, ViolationStatus.BREACH, "proposal-1", true));
            sla.pipe(violation(sla, TAGS, ViolationStatus.BREACH, "proposal-1", true));
            sla.advance(Duration.ofHours(5));

            assertThat(sla.emitted()).as("not even escalated later: there is no alert").isEmpty();
            assertThat(sla.alertStore().get(PRODUCT + "/classification.pii")).isNull();
            assertThat(sla.store(SlaStores.ALERT_TRACKS).get(PRODUCT + "/classification.pii")).isNull();
            assertThat(sla.store(SlaStores.VIOLATIONS).get(PRODUCT + "|" + PRODUCT + "/classification.pii/breach/proposal-1"))
                    .as("still there for the API").isNotNull();

            sla.pipe(violation(sla, PII, ViolationStatus.BREACH, "change-3", false));
            assertThat(sla.emitted()).as("the same rule broken in force does alert").singleElement()
                    .extracting(Alert::getState).isEqualTo(AlertState.OPEN);
        }
    }

    @Test
    void configuredToAlertOnBlockingOnesARejectedChangeOpensOneAlertItsRecoveryResolves() {
        try (SlaHarness sla = new SlaHarness(policy("blocking"))) {
            sla.contract(Samples.contract(PRODUCT));
            sla.pipe(violation(sla, PII, ViolationStatus.BREACH, "proposal-1", true));
            sla.pipe(violation(sla, TAGS, ViolationStatus.BREACH, "proposal-1", true));
            sla.advance(Duration.ofMinutes(1));
            sla.pipe(violation(sla, PII, ViolationStatus.RECOVERY, "change-2", true));

            assertThat(sla.emitted()).extracting(Alert::getAlertId, Alert::getTransition).containsExactly(
                    tuple(PRODUCT + "/classification.pii", "opened"), tuple(PRODUCT + "/classification.pii", "auto-resolved"));
        }
    }

    @Test
    void aRuleListNamesTheRulesThatAlert() {
        try (SlaHarness sla = new SlaHarness(policy("metadata.tags, access.change-topic-domain"))) {
            sla.pipe(violation(sla, PII, ViolationStatus.BREACH, "proposal-1", true));
            sla.pipe(violation(sla, TAGS, ViolationStatus.BREACH, "proposal-1", true));

            assertThat(sla.emitted()).extracting(Alert::getAlertId).containsExactly(PRODUCT + "/metadata.tags");
        }
    }
}
