package io.meshwarden.quality.governance;

import static io.meshwarden.quality.governance.PolicyTopologyTest.rule;
import static io.meshwarden.quality.governance.PolicyTopologyTest.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Policy violations have a lifecycle: what a later accepted version, or a later policy set, no longer
 * breaks recovers; a rejected change's violations are marked as such and a repeat of it publishes
 * nothing; a policy set that a contract in force breaks reaches that contract.
 */
class PolicyLifecycleTopologyTest {
    static final String PRODUCT = "paid-media.campaign-performance";
    static final PolicyRule TAGS = PolicyRule.newBuilder(rule("metadata.tags", "cel", Severity.WARNING,
            Map.of("category", "documentation", "message", "the product has no tags"))).setExpression("size(contract.tags) > 0")
            .build();
    static final PolicyRule PII = rule("classification.pii", "pii-classification", Severity.BLOCKING,
            Map.of("minimum", "confidential"));
    static final PolicyRule VERSIONING = rule("versioning.semver", "versioning", Severity.BLOCKING, Map.of());

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start();
    private final TestInputTopic<String, ContractChange> changes = harness.input(Topics.CONTRACT_CHANGES);
    private final TestInputTopic<String, PolicySet> policies = harness.input(Topics.POLICIES);
    private final TestOutputTopic<String, Decision> decisions = harness.output(Topics.DECISIONS);
    private final TestOutputTopic<String, Violation> violations = harness.output(Topics.VIOLATIONS);

    static DataProductContract untagged(String version) {
        return DataProductContract.newBuilder(Samples.contract(PRODUCT)).setVersion(version).setTags(List.of()).build();
    }

    static DataProductContract tagged(String version) {
        return DataProductContract.newBuilder(Samples.contract(PRODUCT)).setVersion(version).build();
    }

    private void publish(DataProductContract contract) {
        changes.pipeInput(contract.getId(), Samples.change(contract));
    }

    private void publish(PolicySet set) {
        policies.pipeInput(set.getId(), set);
    }

    @Test
    void aWarningRecoversWhenAFixedVersionIsAccepted() {
        publish(set("global", "1.0.0", null, VERSIONING, PII, TAGS));
        publish(untagged("1.0.0"));
        publish(tagged("1.0.1"));

        assertThat(decisions.readValuesToList()).extracting(Decision::getOutcome)
                .containsExactly(DecisionOutcome.ACCEPTED_WITH_WARNINGS, DecisionOutcome.ACCEPTED);
        List<Violation> published = violations.readValuesToList();
        assertThat(published).extracting(Violation::getRuleId, Violation::getStatus, Violation::getRejectedChange)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("metadata.tags", ViolationStatus.BREACH, false),
                        org.assertj.core.groups.Tuple.tuple("metadata.tags", ViolationStatus.RECOVERY, false));
        Violation recovery = published.get(1);
        assertThat(recovery.getProductId()).isEqualTo(PRODUCT);
        assertThat(recovery.getViolationId()).isEqualTo(PRODUCT + "/metadata.tags/recovery/change-" + PRODUCT + "-1.0.1");
        assertThat(recovery.getContractVersion()).isEqualTo("1.0.1");
        assertThat(recovery.getPolicySetId()).isEqualTo("global");
        assertThat(harness.store(GovernanceTopology.CONTRACT_BREACHES_STORE).get(PRODUCT))
                .as("nothing broken any more: no entry").isNull();
    }

    @Test
    void aVersionThatStillBreaksTheRuleDoesNotRecoverIt() {
        publish(set("global", "1.0.0", null, VERSIONING, PII, TAGS));
        publish(untagged("1.0.0"));
        publish(untagged("1.0.1"));

        assertThat(violations.readValuesToList()).extracting(Violation::getStatus)
                .containsExactly(ViolationStatus.BREACH, ViolationStatus.BREACH);
    }

    @Test
    void aRejectedChangeIsMarkedAndItsRepeatPublishesNothing() {
        publish(set("global", "1.0.0", null, VERSIONING, PII, TAGS));
        publish(tagged("1.0.0"));
        DataProductContract leaky = DataProductContract.newBuilder(tagged("1.1.0")).setClassification(Classification.INTERNAL)
                .build();
        publish(leaky);
        // The same proposal again, as a publisher retrying would send it: a new change id.
        changes.pipeInput(PRODUCT, ContractChange.newBuilder(Samples.change(leaky)).setChangeId("retry-1").build());

        List<Decision> both = decisions.readValuesToList();
        assertThat(both).extracting(Decision::getOutcome)
                .containsExactly(DecisionOutcome.ACCEPTED, DecisionOutcome.REJECTED, DecisionOutcome.REJECTED);
        Violation rejected = both.get(1).getViolations().get(0);
        assertThat(rejected.getRuleId()).isEqualTo("classification.pii");
        assertThat(rejected.getRejectedChange()).isTrue();
        assertThat(both.get(2).getViolations()).as("the publisher still gets the decision's violations, under the same ids")
                .extracting(Violation::getViolationId).containsExactly(rejected.getViolationId());
        assertThat(violations.readValuesToList()).as("published once").extracting(Violation::getViolationId)
                .containsExactly(rejected.getViolationId());
    }

    @Test
    void aRuleOnlyARejectedProposalBrokeRecoversMarkedWhenACompliantVersionIsAccepted() {
        publish(set("global", "1.0.0", null, VERSIONING, PII, TAGS));
        publish(tagged("1.0.0"));
        publish(DataProductContract.newBuilder(tagged("1.1.0")).setClassification(Classification.INTERNAL).build());
        publish(tagged("1.1.0"));

        List<Violation> published = violations.readValuesToList();
        assertThat(published).extracting(Violation::getRuleId, Violation::getStatus, Violation::getRejectedChange)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("classification.pii", ViolationStatus.BREACH, true),
                        org.assertj.core.groups.Tuple.tuple("classification.pii", ViolationStatus.RECOVERY, true));
    }

    @Test
    void aNewPolicySetReachesTheContractInForceThatBreaksItAndAFixedVersionRecoversIt() {
        publish(untagged("1.0.0"));
        assertThat(decisions.readValue().getOutcome()).as("the built-in set has no tag rule").isEqualTo(DecisionOutcome.ACCEPTED);
        harness.driver().advanceWallClockTime(ContractGovernanceProcessor.POLICY_CHECK);
        assertThat(violations.isEmpty()).as("the first look at the sets finds nothing new").isTrue();

        publish(set("global", "1.0.0", null, VERSIONING, PII, TAGS));
        harness.driver().advanceWallClockTime(ContractGovernanceProcessor.POLICY_CHECK);
        Violation breach = violations.readValue();
        assertThat(breach.getRuleId()).isEqualTo("metadata.tags");
        assertThat(breach.getStatus()).isEqualTo(ViolationStatus.BREACH);
        assertThat(breach.getRejectedChange()).isFalse();
        assertThat(breach.getContractVersion()).isEqualTo("1.0.0");
        assertThat(breach.getViolationId()).isEqualTo(PRODUCT + "/metadata.tags/breach/policies:global@1.0.0");
        harness.driver().advanceWallClockTime(ContractGovernanceProcessor.POLICY_CHECK.multipliedBy(3));
        assertThat(violations.isEmpty()).as("once").isTrue();

        publish(tagged("1.0.1"));
        assertThat(violations.readValuesToList()).extracting(Violation::getRuleId, Violation::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("metadata.tags", ViolationStatus.RECOVERY));
    }

    @Test
    void aPolicySetThatDropsTheRuleRecoversIt() {
        publish(untagged("1.0.0"));
        publish(set("paid-media", "1.0.0", "paid-media", TAGS));
        harness.driver().advanceWallClockTime(ContractGovernanceProcessor.POLICY_CHECK);
        assertThat(violations.readValue().getStatus()).isEqualTo(ViolationStatus.BREACH);

        publish(set("paid-media", "1.1.0", "paid-media"));
        harness.driver().advanceWallClockTime(ContractGovernanceProcessor.POLICY_CHECK);
        Violation recovery = violations.readValue();
        assertThat(recovery.getRuleId()).isEqualTo("metadata.tags");
        assertThat(recovery.getStatus()).isEqualTo(ViolationStatus.RECOVERY);
        assertThat(recovery.getViolationId()).endsWith("/recovery/policies:paid-media@1.1.0");
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void aPolicyChangeKeepsWhatOnlyTheVersionComparisonFound() {
        PolicyRule compatibilityWarning = rule("compatibility.breaking-change", "compatibility", Severity.WARNING, Map.of());
        publish(set("global", "1.0.0", null, VERSIONING, PII, compatibilityWarning));
        publish(tagged("1.0.0"));
        // A required field removed under the same major version: a breaking change, only warned about here.
        DataProductContract breaking = DataProductContract.newBuilder(tagged("1.1.0"))
                .setFields(List.of(Samples.field("campaign_id", false, true), Samples.field("email", true, false))).build();
        publish(breaking);
        assertThat(violations.readValuesToList()).extracting(Violation::getRuleId).contains("compatibility.breaking-change");

        publish(set("global", "1.1.0", null, VERSIONING, PII, compatibilityWarning, TAGS));
        harness.driver().advanceWallClockTime(ContractGovernanceProcessor.POLICY_CHECK);
        assertThat(violations.readValuesToList()).as("judged against itself the version breaks nothing; its breach stays")
                .extracting(Violation::getStatus).doesNotContain(ViolationStatus.RECOVERY);
    }
}
