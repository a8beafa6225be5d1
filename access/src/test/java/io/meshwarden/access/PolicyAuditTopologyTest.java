package io.meshwarden.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessAuditKind;
import io.meshwarden.avro.AccessOutcome;
import io.meshwarden.avro.PolicyApproval;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.PolicySetSubject;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The policy audit: a held global set's proposal, its stewards' approvals by name, refused approvals and
 * the set in force land on the audit topic in the order governance decided, even when a verdict is read
 * before the approval it answers.
 */
class PolicyAuditTopologyTest {
    static final Instant T0 = Samples.T0;

    @AutoClose
    TopologyFixture fixture = TopologyFixture.start(AccessTopology.APPLICATION_SUFFIX, T0,
            (topics, properties) -> AccessTopology.build(topics, Duration.ofSeconds(1), properties));
    TestInputTopic<String, PolicyApproval> approvals = fixture.input(Topics.POLICY_APPROVALS);
    TestInputTopic<String, Violation> violations = fixture.input(Topics.VIOLATIONS);
    TestOutputTopic<String, AccessAuditEvent> audit = fixture.output(Topics.ACCESS_AUDIT);

    @Test
    void recordsTheProposalEachStewardsApprovalByNameAndTheSetInForceInOrder() {
        violations.pipeInput(PolicySetSubject.of("global"), verdict(ViolationRule.POLICY_SET_PROPOSAL, ViolationStatus.BREACH,
                "9.0.0@1", "policy set global@9.0.0 loosens the global set in force and is held, not in force"), T0);
        approvals.pipeInput("global", approval("a-1", "ana@mesh.example"), T0.plusSeconds(1));
        approvals.pipeInput("global", approval("a-2", "ben@mesh.example"), T0.plusSeconds(2));
        violations.pipeInput(PolicySetSubject.of("global"), verdict(ViolationRule.POLICY_SET_PROPOSAL, ViolationStatus.RECOVERY,
                "9.0.0@approved", "policy set global@9.0.0 was approved by ana@mesh.example, ben@mesh.example and is in force"),
                T0.plusSeconds(2));

        List<TestRecord<String, AccessAuditEvent>> events = audit.readRecordsToList();
        assertThat(events).extracting(TestRecord::key).containsOnly("policy:global");
        assertThat(events).extracting(event -> event.value().getKind()).containsExactly(AccessAuditKind.POLICY_PROPOSED,
                AccessAuditKind.POLICY_APPROVAL, AccessAuditKind.POLICY_APPROVAL, AccessAuditKind.POLICY_IN_FORCE);
        assertThat(events).extracting(event -> event.value().getActor()).containsExactly(PolicyAuditProcessor.GOVERNANCE_ACTOR,
                "ana@mesh.example", "ben@mesh.example", PolicyAuditProcessor.GOVERNANCE_ACTOR);
        assertThat(events).extracting(event -> event.value().getResource()).containsOnly("POLICY_SET:global@9.0.0");
        assertThat(events.get(3).value().getReason()).contains("ana@mesh.example, ben@mesh.example");
        assertThat(events.get(3).value().getOutcome()).isEqualTo(AccessOutcome.DONE);
    }

    @Test
    void aVerdictReadBeforeTheApprovalItAnswersWaitsForIt() {
        approvals.pipeInput("global", approval("a-1", "ana@mesh.example"), T0.plusSeconds(1));
        // Both read in one poll: governance's verdict on the second approval comes first, same timestamp.
        violations.pipeInput(PolicySetSubject.of("global"), verdict(ViolationRule.POLICY_SET_PROPOSAL, ViolationStatus.RECOVERY,
                "9.0.0@approved", "policy set global@9.0.0 was approved by ana@mesh.example, ben@mesh.example and is in force"),
                T0.plusSeconds(2));
        assertThat(audit.readValuesToList()).extracting(AccessAuditEvent::getKind).containsExactly(AccessAuditKind.POLICY_APPROVAL);

        approvals.pipeInput("global", approval("a-2", "ben@mesh.example"), T0.plusSeconds(2));
        assertThat(audit.readValuesToList()).extracting(AccessAuditEvent::getKind)
                .containsExactly(AccessAuditKind.POLICY_APPROVAL, AccessAuditKind.POLICY_IN_FORCE);
    }

    @Test
    void aRefusedApprovalIsAuditedAfterItAndAVerdictWithoutItsApprovalIsWrittenAfterTheLimit() {
        approvals.pipeInput("global", approval("a-9", "mallory"), T0.plusSeconds(1));
        violations.pipeInput(PolicySetSubject.of("global"), verdict(ViolationRule.POLICY_SET_APPROVAL, ViolationStatus.BREACH,
                "a-9", "approval a-9 of policy set global@9.0.0 by 'mallory' does not count: not a steward"), T0.plusSeconds(1));
        List<AccessAuditEvent> events = audit.readValuesToList();
        assertThat(events).extracting(AccessAuditEvent::getKind)
                .containsExactly(AccessAuditKind.POLICY_APPROVAL, AccessAuditKind.POLICY_APPROVAL_REFUSED);
        assertThat(events.get(1).getOutcome()).isEqualTo(AccessOutcome.REFUSED);
        assertThat(events.get(1).getReason()).contains("'mallory' does not count");

        violations.pipeInput(PolicySetSubject.of("global"), verdict(ViolationRule.POLICY_SET_APPROVAL, ViolationStatus.BREACH,
                "a-10", "approval a-10 of policy set global@9.0.0 by 'eve' does not count"), T0.plusSeconds(5));
        assertThat(audit.isEmpty()).as("waits for approval a-10").isTrue();
        fixture.driver().advanceWallClockTime(PolicyAuditProcessor.PARK_LIMIT.plusSeconds(2));
        assertThat(audit.readValuesToList()).extracting(AccessAuditEvent::getKind)
                .containsExactly(AccessAuditKind.POLICY_APPROVAL_REFUSED);
        assertThat(fixture.<AccessAuditEvent>store(AccessStores.POLICY_AUDIT_PARKED).approximateNumEntries()).isZero();
    }

    @Test
    void aProposalApprovedButRefusedIsAuditedAsRefusedAndOtherViolationsAreNotAudited() {
        violations.pipeInput("paid-media.spend", Samples.violation("paid-media.spend", "naming.product-id"), T0);
        approvals.pipeInput("global", approval("a-1", "ana@mesh.example"), T0.plusSeconds(1));
        violations.pipeInput(PolicySetSubject.of("global"), verdict(ViolationRule.POLICY_SET_PROPOSAL, ViolationStatus.RECOVERY,
                "9.0.0@approved", "policy set global@9.0.0 was approved by ana@mesh.example but refused, and the version in"
                        + " force stays: a higher version is in force"), T0.plusSeconds(1));

        List<AccessAuditEvent> events = audit.readValuesToList();
        assertThat(events).extracting(AccessAuditEvent::getKind)
                .containsExactly(AccessAuditKind.POLICY_APPROVAL, AccessAuditKind.POLICY_REFUSED);
        assertThat(events.get(1).getOutcome()).isEqualTo(AccessOutcome.REFUSED);
    }

    @Test
    void theSameInputsGiveTheSameEventIds() {
        approvals.pipeInput("global", approval("a-1", "ana@mesh.example"), T0);
        approvals.pipeInput("global", approval("a-1", "ana@mesh.example"), T0);
        List<AccessAuditEvent> events = audit.readValuesToList();
        assertThat(events.get(0).getEventId()).isEqualTo(events.get(1).getEventId()).isEqualTo("policy-approval/a-1");
    }

    private static PolicyApproval approval(String id, String approver) {
        return PolicyApproval.newBuilder().setApprovalId(id).setPolicySetId("global").setVersion("9.0.0")
                .setApprover(approver).setApprovedAt(T0).build();
    }

    private static Violation verdict(ViolationRule rule, ViolationStatus status, String occasion, String message) {
        return ViolationFactory.violation(PolicySetSubject.of("global"), "global", rule, status, occasion, T0)
                .setMessage(message).setPolicySetId("global").setPolicySetVersion("9.0.0").build();
    }
}
