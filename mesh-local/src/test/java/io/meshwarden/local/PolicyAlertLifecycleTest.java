package io.meshwarden.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertState;
import io.meshwarden.avro.Classification;
import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.QualityTopology;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.sla.alerts.SlaPolicy;
import io.meshwarden.sla.streams.SlaStores;
import io.meshwarden.sla.streams.SlaTopology;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Policy alerts end to end, through both production topologies in TopologyTestDrivers: what
 * governance writes to the violation and catalog topics is what the SLA monitor reads, record by
 * record, as the broker would hand it over.
 */
class PolicyAlertLifecycleTest {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final String TAGS_ALERT = PRODUCT + "/metadata.tags";
    private static final PolicyRule TAGS = PolicyRule.newBuilder().setId("metadata.tags").setKind("cel")
            .setSeverity(Severity.WARNING).setParameters(Map.of("category", "documentation", "message", "the product has no tags"))
            .setExpression("size(contract.tags) > 0").build();
    private static final PolicyRule PII = PolicyRule.newBuilder().setId("classification.pii").setKind("pii-classification")
            .setSeverity(Severity.BLOCKING).setParameters(Map.of("minimum", "confidential")).build();

    private TopologyFixture governance;
    private TopologyFixture sla;
    private TestInputTopic<String, ContractChange> changes;
    private TestInputTopic<String, PolicySet> policies;
    private TestOutputTopic<String, Violation> violationsOut;
    private TestOutputTopic<String, DataProductContract> catalogOut;
    private TestInputTopic<String, Violation> violationsIn;
    private TestInputTopic<String, DataProductContract> catalogIn;
    private TestOutputTopic<String, Alert> alerts;

    private void start(String rejectedChanges) {
        governance = TopologyFixture.start(QualityStreams.APPLICATION, Samples.T0,
                (topics, properties) -> QualityTopology.build(topics, QualityOptions.defaults(), properties));
        SlaPolicy policy = SlaPolicy.from(MeshwardenConfig.defaults(
                Map.of(Settings.SLA_ALERT_REJECTED_CHANGES.key(), rejectedChanges)));
        sla = TopologyFixture.start(SlaTopology.APPLICATION_SUFFIX, Samples.T0,
                (topics, properties) -> SlaTopology.build(topics, policy, properties));
        changes = governance.input(Topics.CONTRACT_CHANGES);
        policies = governance.input(Topics.POLICIES);
        violationsOut = governance.output(Topics.VIOLATIONS);
        catalogOut = governance.output(Topics.CATALOG);
        violationsIn = sla.input(Topics.VIOLATIONS);
        catalogIn = sla.input(Topics.CATALOG);
        alerts = sla.output(Topics.ALERTS);
    }

    @AfterEach
    void close() {
        governance.close();
        sla.close();
    }

    /** Hands what governance wrote to the SLA monitor, catalog first (as the owner of an alert comes from it). */
    private void deliver() {
        catalogOut.readRecordsToList().forEach(r -> catalogIn.pipeInput(r.key(), r.value(), r.timestamp()));
        violationsOut.readRecordsToList().forEach(r -> violationsIn.pipeInput(r.key(), r.value(), r.timestamp()));
    }

    private void publish(DataProductContract contract) {
        publish(Samples.change(contract));
    }

    private void publish(ContractChange change) {
        changes.pipeInput(change.getProductId(), change);
        deliver();
    }

    private void publish(PolicyRule... rules) {
        PolicySet set = PolicySet.newBuilder().setId("global").setVersion("1.0." + rules.length).setScope(PolicyScope.GLOBAL)
                .setDomain(null).setRules(List.of(rules)).setPublishedAt(Samples.T0).build();
        policies.pipeInput(set.getId(), set);
        governance.driver().advanceWallClockTime(Duration.ofSeconds(1));
        deliver();
    }

    /** Version 1.0.0 in force, then 1.1.0 with personal data under-classified, rejected, published twice. */
    private void publishARejectedChangeTwice() {
        publish(PII);
        publish(contract("1.0.0", true));
        DataProductContract leaky = DataProductContract.newBuilder(contract("1.1.0", true))
                .setClassification(Classification.INTERNAL).build();
        publish(leaky);
        publish(ContractChange.newBuilder(Samples.change(leaky)).setChangeId("published-again").build());
    }

    private static DataProductContract contract(String version, boolean tagged) {
        return DataProductContract.newBuilder(Samples.contract(PRODUCT)).setVersion(version)
                .setTags(tagged ? List.of("marketing") : List.of()).build();
    }

    @Test
    void aPolicyAlertResolvesWhenAFixedVersionIsAccepted() {
        start("none");
        publish(PII, TAGS);
        publish(contract("1.0.0", false));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState, Alert::getOwnerTeam)
                .containsExactly(tuple(TAGS_ALERT, AlertState.OPEN, "paid-media-team"));

        publish(contract("1.0.1", true));

        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState, Alert::getTransition)
                .containsExactly(tuple(TAGS_ALERT, AlertState.RESOLVED, "auto-resolved"));
    }

    @Test
    void aRejectedChangeOpensNoOperationsAlertByDefaultAndItsRepeatAddsNothing() {
        start("none");
        publishARejectedChangeTwice();

        assertThat(alerts.readValuesToList()).isEmpty();
        assertThat(sla.<Alert>store(SlaStores.ALERTS).get(PRODUCT + "/classification.pii")).isNull();
    }

    @Test
    void configuredForBlockingOnesARejectedChangeOpensOneAlertAndItsRepeatAddsNothing() {
        start("blocking");
        publishARejectedChangeTwice();

        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(tuple(PRODUCT + "/classification.pii", AlertState.OPEN));
        assertThat(sla.<Alert>store(SlaStores.ALERTS).get(PRODUCT + "/classification.pii").getOccurrences())
                .as("the repeat is not even counted").isEqualTo(1);

        publish(contract("1.1.0", true));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(tuple(PRODUCT + "/classification.pii", AlertState.RESOLVED));
    }

    @Test
    void aNewPolicySetThatTheContractInForceBreaksOpensOneAlertResolvedByACompliantVersion() {
        start("none");
        publish(contract("1.0.0", false));
        publish(PII);
        assertThat(alerts.readValuesToList()).as("the contract in force breaks nothing yet").isEmpty();

        publish(PII, TAGS);
        governance.driver().advanceWallClockTime(Duration.ofSeconds(5));
        deliver();
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(tuple(TAGS_ALERT, AlertState.OPEN));

        publish(contract("1.0.1", true));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(tuple(TAGS_ALERT, AlertState.RESOLVED));
    }
}
