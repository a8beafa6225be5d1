package io.meshwarden.quality.governance;

import io.meshwarden.avro.PolicyApproval;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.governance.policy.Admission;
import io.meshwarden.schemas.violation.ViolationRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stewards' approvals of held global policy sets, on the admission partition (it shares the
 * admission's stores). An approval counts when its approver is a configured steward who has not
 * approved this proposal yet, and it names the version held; any other is reported as a
 * {@code policy-set.approval} violation and changes nothing. Once enough distinct stewards
 * approved, the proposal is admitted as publication would have admitted it but for the loosening
 * (a higher version in force meanwhile still refuses it), and its proposal breach recovers naming
 * the approvers. Approvals so far live in the approvals store, one entry per held set: the version
 * approved, then the approvers, one per line.
 */
final class PolicyApprovalProcessor implements Processor<String, PolicyApproval, String, PolicyAdmissionResult> {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyApprovalProcessor.class);

    private final PolicyCache cache;
    private final GovernanceOptions options;
    private ProcessorContext<String, PolicyAdmissionResult> context;
    private KeyValueStore<String, PolicySet> admitted;
    private KeyValueStore<String, PolicySet> proposals;
    private KeyValueStore<String, String> approvals;

    PolicyApprovalProcessor(PolicyCache cache, GovernanceOptions options) {
        this.cache = cache;
        this.options = options;
    }

    @Override
    public void init(ProcessorContext<String, PolicyAdmissionResult> context) {
        this.context = context;
        this.admitted = context.getStateStore(GovernanceTopology.POLICY_SETS_STORE);
        this.proposals = context.getStateStore(GovernanceTopology.POLICY_PROPOSALS_STORE);
        this.approvals = context.getStateStore(GovernanceTopology.POLICY_APPROVALS_STORE);
    }

    @Override
    public void process(Record<String, PolicyApproval> record) {
        PolicyApproval approval = record.value();
        String approver = approval.getApprover().strip();
        PolicySet proposal = proposals.get(approval.getPolicySetId());
        if (proposal == null || !proposal.getVersion().equals(approval.getVersion())) {
            refuse(record, proposal, "no proposal of " + approval.getPolicySetId() + "@" + approval.getVersion() + " is held"
                    + (proposal == null ? "" : "; the proposal held is version " + proposal.getVersion()));
            return;
        }
        if (!options.stewards().contains(approver)) {
            refuse(record, proposal, "'" + approver + "' is not one of the stewards " + options.stewards()
                    + " (meshwarden.governance.stewards)");
            return;
        }
        List<String> approvers = approversOf(proposal);
        if (approvers.contains(approver)) {
            refuse(record, proposal, approver + " already approved it; " + options.approvalsRequired()
                    + " distinct stewards must");
            return;
        }
        approvers.add(approver);
        if (approvers.size() < options.approvalsRequired()) {
            approvals.put(proposal.getId(), proposal.getVersion() + "\n" + String.join("\n", approvers));
            LOG.info("Policy set {} approved by {} ({} of {} approvals)", PolicyAdmissionProcessor.ref(proposal), approver,
                    approvers.size(), options.approvalsRequired());
            return;
        }
        proposals.delete(proposal.getId());
        approvals.delete(proposal.getId());
        decide(record, proposal, approvers);
    }

    private void decide(Record<String, PolicyApproval> record, PolicySet proposal, List<String> approvers) {
        String occasion = proposal.getVersion() + "@approved";
        Admission admission = PolicyAdmissionProcessor.layers(cache, admitted).admitApproved(proposal);
        if (admission instanceof Admission.Accepted accepted) {
            if (accepted.changed()) {
                admitted.put(proposal.getId(), proposal);
                context.forward(record.withKey(proposal.getId()).withValue(new PolicyAdmissionResult.InForce(proposal)));
            }
            report(record, PolicyViolations.about(proposal, ViolationRule.POLICY_SET_PROPOSAL, ViolationStatus.RECOVERY,
                    occasion, context.currentSystemTimeMs(), "policy set " + PolicyAdmissionProcessor.ref(proposal)
                            + " was approved by " + String.join(", ", approvers) + " and is in force"));
            return;
        }
        String reason = admission instanceof Admission.Rejected rejected ? rejected.reason() : "it is held again";
        report(record, PolicyViolations.about(proposal, ViolationRule.POLICY_SET_PROPOSAL, ViolationStatus.RECOVERY,
                occasion, context.currentSystemTimeMs(), "policy set " + PolicyAdmissionProcessor.ref(proposal)
                        + " was approved by " + String.join(", ", approvers) + " but refused, and the version in force stays: "
                        + reason));
    }

    private List<String> approversOf(PolicySet proposal) {
        String held = approvals.get(proposal.getId());
        List<String> lines = held == null ? List.of() : Arrays.asList(held.split("\n"));
        // Approvals of an earlier proposal of the set do not count for this one.
        return lines.isEmpty() || !lines.get(0).equals(proposal.getVersion()) ? new ArrayList<>()
                : new ArrayList<>(lines.subList(1, lines.size()));
    }

    private void refuse(Record<String, PolicyApproval> record, PolicySet proposal, String reason) {
        PolicyApproval approval = record.value();
        Violation refusal = PolicyViolations.about(approval.getPolicySetId(), proposal == null ? null : proposal.getDomain(),
                approval.getVersion(), ViolationRule.POLICY_SET_APPROVAL, ViolationStatus.BREACH, approval.getApprovalId(),
                context.currentSystemTimeMs(), "approval " + approval.getApprovalId() + " of policy set "
                        + approval.getPolicySetId() + "@" + approval.getVersion() + " by '" + approval.getApprover()
                        + "' does not count: " + reason);
        report(record, refusal);
    }

    private void report(Record<String, PolicyApproval> record, Violation violation) {
        context.forward(record.withKey(violation.getProductId()).withValue(new PolicyAdmissionResult.Reported(violation)));
    }
}
