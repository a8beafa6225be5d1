package io.meshwarden.quality.governance;

import static io.meshwarden.quality.governance.PolicyTopologyTest.rule;
import static io.meshwarden.quality.governance.PolicyTopologyTest.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.PolicyApproval;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.QualityTopology;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * One published record cannot switch governance off: a global set that empties or loosens the one
 * in force is held, the set in force keeps judging, and only two distinct configured stewards'
 * approvals put it in force. Approvals that do not count are reported and change nothing.
 */
class PolicyProposalTopologyTest {
    private static final PolicySet GLOBAL = set("global", "1.0.0", null,
            rule("classification.pii", "pii-classification", Severity.BLOCKING, Map.of("minimum", "confidential")),
            rule("naming.product-id", "product-id-naming", Severity.BLOCKING, Map.of()));
    private static final PolicySet EMPTY = set("global", "9.0.0", null);

    @AutoClose
    private final TopologyFixture harness = TopologyFixture.start(QualityStreams.APPLICATION, TopologyHarness.START,
            (topics, properties) -> QualityTopology.build(topics, QualityOptions.defaults(),
                    new GovernanceOptions(Set.of("ana@mesh.example", "ben@mesh.example"), 2), properties));
    private final TestInputTopic<String, PolicySet> policies = harness.input(Topics.POLICIES);
    private final TestInputTopic<String, PolicyApproval> approvals = harness.input(Topics.POLICY_APPROVALS);
    private final TestInputTopic<String, ContractChange> changes = harness.input(Topics.CONTRACT_CHANGES);
    private final TestOutputTopic<String, PolicySet> inForce = harness.output(Topics.POLICIES_IN_FORCE);
    private final TestOutputTopic<String, Decision> decisions = harness.output(Topics.DECISIONS);
    private final TestOutputTopic<String, Violation> violations = harness.output(Topics.VIOLATIONS);

    @Test
    void holdsAnEmptyGlobalSetAndKeepsJudgingByTheSetInForce() {
        policies.pipeInput(GLOBAL.getId(), GLOBAL);
        policies.pipeInput(EMPTY.getId(), EMPTY);
        publishBadlyNamedProduct("1.0.0");

        assertThat(inForce.readValuesToList()).containsExactly(GLOBAL);
        Violation held = policyViolations().get(0);
        assertThat(held.getRuleId()).isEqualTo("policy-set.proposal");
        assertThat(held.getStatus()).isEqualTo(ViolationStatus.BREACH);
        assertThat(held.getPolicySetVersion()).isEqualTo("9.0.0");
        assertThat(held.getMessage()).contains("global@9.0.0 loosens the global set in force and is held")
                .contains("rule 'classification.pii' of global@1.0.0: removed by global@9.0.0")
                .contains("rule 'naming.product-id' of global@1.0.0: removed by global@9.0.0")
                .contains("2 distinct stewards of [ana@mesh.example, ben@mesh.example] must approve it");
        assertThat(decisions.readValue().getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(this.<PolicySet>store(GovernanceTopology.POLICY_PROPOSALS_STORE).get("global")).isEqualTo(EMPTY);
    }

    @Test
    void putsTheProposalInForceOnlyAfterTwoDistinctStewardsApproved() {
        policies.pipeInput(GLOBAL.getId(), GLOBAL);
        policies.pipeInput(EMPTY.getId(), EMPTY);
        inForce.readValuesToList();
        violations.readValuesToList();

        approve("a-1", "9.0.0", "ana@mesh.example");
        approve("a-2", "9.0.0", "ana@mesh.example");
        approve("a-3", "9.0.0", "mallory@evil.example");
        approve("a-4", "8.0.0", "ben@mesh.example");
        publishBadlyNamedProduct("1.0.0");
        assertThat(inForce.readValuesToList()).as("one steward, twice, is not four eyes").isEmpty();
        assertThat(decisions.readValue().getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(policyViolations()).extracting(Violation::getRuleId, Violation::getMessage).containsExactly(
                org.assertj.core.groups.Tuple.tuple("policy-set.approval", "approval a-2 of policy set global@9.0.0 by"
                        + " 'ana@mesh.example' does not count: ana@mesh.example already approved it; 2 distinct stewards must"),
                org.assertj.core.groups.Tuple.tuple("policy-set.approval", "approval a-3 of policy set global@9.0.0 by"
                        + " 'mallory@evil.example' does not count: 'mallory@evil.example' is not one of the stewards"
                        + " [ana@mesh.example, ben@mesh.example] (meshwarden.governance.stewards)"),
                org.assertj.core.groups.Tuple.tuple("policy-set.approval", "approval a-4 of policy set global@8.0.0 by"
                        + " 'ben@mesh.example' does not count: no proposal of global@8.0.0 is held; the proposal held is version 9.0.0"));

        approve("a-5", "9.0.0", "ben@mesh.example");
        publishBadlyNamedProduct("1.0.1");

        assertThat(inForce.readValuesToList()).containsExactly(EMPTY);
        assertThat(policyViolations()).singleElement().satisfies(recovery -> {
            assertThat(recovery.getRuleId()).isEqualTo("policy-set.proposal");
            assertThat(recovery.getStatus()).isEqualTo(ViolationStatus.RECOVERY);
            assertThat(recovery.getMessage()).isEqualTo("policy set global@9.0.0 was approved by ana@mesh.example,"
                    + " ben@mesh.example and is in force");
        });
        assertThat(decisions.readValue().getOutcome()).as("judged by the approved, empty set").isEqualTo(DecisionOutcome.ACCEPTED);
        assertThat(this.<PolicySet>store(GovernanceTopology.POLICY_PROPOSALS_STORE).get("global")).isNull();
    }

    @Test
    void admitsATighteningGlobalSetDirectly() {
        policies.pipeInput(GLOBAL.getId(), GLOBAL);
        PolicySet tighter = set("global", "1.1.0", null,
                rule("classification.pii", "pii-classification", Severity.BLOCKING, Map.of("minimum", "restricted")),
                rule("naming.product-id", "product-id-naming", Severity.BLOCKING, Map.of()),
                rule("ownership", "ownership", Severity.BLOCKING, Map.of()));
        policies.pipeInput(tighter.getId(), tighter);

        assertThat(inForce.readValuesToList()).containsExactly(GLOBAL, tighter);
        assertThat(policyViolations()).isEmpty();
    }

    private void approve(String id, String version, String approver) {
        approvals.pipeInput("global", PolicyApproval.newBuilder().setApprovalId(id).setPolicySetId("global").setVersion(version)
                .setApprover(approver).setApprovedAt(Instant.parse("2026-11-25T09:00:00Z")).build());
    }

    /** A contract the global set in force rejects (its id is not kebab-case) and an empty set accepts. */
    private void publishBadlyNamedProduct(String version) {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("paid-media.Campaign_Perf"))
                .setVersion(version).build();
        changes.pipeInput(contract.getId(), Samples.change(contract));
    }

    private List<Violation> policyViolations() {
        return violations.readValuesToList().stream().filter(v -> v.getRuleId().startsWith("policy-set.")).toList();
    }

    private <V> KeyValueStore<String, V> store(String name) {
        return harness.driver().getKeyValueStore(name);
    }
}
