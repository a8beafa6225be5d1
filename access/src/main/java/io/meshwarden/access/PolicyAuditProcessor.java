package io.meshwarden.access;

import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessAuditKind;
import io.meshwarden.avro.AccessOutcome;
import io.meshwarden.avro.PolicyApproval;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.PolicySetSubject;
import io.meshwarden.schemas.violation.ViolationRule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Audits the four-eyes approval of held global policy sets on {@code access.audit}, keyed
 * {@code policy:<set id>}: each proposal held ({@code POLICY_PROPOSED}), each steward's approval as
 * published, with the steward's name as actor ({@code POLICY_APPROVAL}), each approval governance did not
 * count ({@code POLICY_APPROVAL_REFUSED}), and the approved set in force, its reason naming the approvers
 * ({@code POLICY_IN_FORCE}), or refused after all ({@code POLICY_REFUSED}).
 *
 * <p>Reads the stewards' {@link PolicyApproval}s and governance's verdicts on them (the
 * {@code policy-set.proposal} and {@code policy-set.approval} violations quality-streams writes), both
 * re-keyed by set id onto one partition. A verdict on an approval carries that approval's record timestamp;
 * when it comes before the approval itself (both read in one poll), it is parked in
 * {@link AccessStores#POLICY_AUDIT_PARKED} until an approval of the set at least as late has been audited,
 * so the audit reads in the order governance decided. A verdict whose approval never shows (deleted by
 * retention) is written anyway after {@link #PARK_LIMIT}. Event ids derive from the approval and violation
 * ids: a replay writes the same events.
 */
final class PolicyAuditProcessor implements Processor<String, SpecificRecord, String, AccessAuditEvent> {
    /** Who decides on a proposal: governance (quality-streams), not a person. */
    static final String GOVERNANCE_ACTOR = "User:meshwarden-governance";
    /** How long a verdict waits for the approval it follows. */
    static final Duration PARK_LIMIT = Duration.ofSeconds(10);
    /**
     * How quality-streams ends the recovery of a proposal that took effect (PolicyApprovalProcessor); any
     * other recovery is a proposal approved but refused. Pinned end to end by PoliciesCommandIT.
     */
    static final String IN_FORCE_ENDING = " and is in force";

    private ProcessorContext<String, AccessAuditEvent> context;
    private KeyValueStore<String, Long> approvedUntil;
    private KeyValueStore<String, AccessAuditEvent> parked;

    @Override
    public void init(ProcessorContext<String, AccessAuditEvent> context) {
        this.context = context;
        this.approvedUntil = context.getStateStore(AccessStores.POLICY_AUDIT_APPROVALS);
        this.parked = context.getStateStore(AccessStores.POLICY_AUDIT_PARKED);
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::releaseOverdue);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof PolicyApproval approval) {
            approved(approval, record.timestamp());
        } else if (record.value() instanceof Violation violation) {
            verdict(violation, record.timestamp());
        }
    }

    private void approved(PolicyApproval approval, long timestamp) {
        String setId = approval.getPolicySetId();
        String approver = approval.getApprover().strip();
        String comment = approval.getComment() == null || approval.getComment().isBlank() ? "" : ": " + approval.getComment();
        emit(setId, AccessAudit.policy("policy-approval/" + approval.getApprovalId(), AccessAuditKind.POLICY_APPROVAL,
                AccessOutcome.DONE, approver, setId, approval.getVersion(), "approval " + approval.getApprovalId() + " of "
                        + setId + "@" + approval.getVersion() + " by " + approver + comment, approval.getApprovedAt()));
        Long until = approvedUntil.get(setId);
        if (until == null || until < timestamp) {
            approvedUntil.put(setId, timestamp);
        }
        List<KeyValue<String, AccessAuditEvent>> due = new ArrayList<>();
        try (var waiting = parked.prefixScan(parkPrefix(setId), new StringSerializer())) {
            waiting.forEachRemaining(entry -> {
                if (timestampOf(entry.key) <= timestamp) {
                    due.add(entry);
                }
            });
        }
        due.forEach(entry -> release(entry.key, entry.value));
    }

    private void verdict(Violation violation, long timestamp) {
        String setId = violation.getPolicySetId();
        boolean proposal = ViolationRule.POLICY_SET_PROPOSAL.ruleId().equals(violation.getRuleId());
        AccessAuditEvent event;
        if (proposal && violation.getStatus() == ViolationStatus.BREACH) {
            event = verdictEvent(violation, AccessAuditKind.POLICY_PROPOSED, AccessOutcome.DONE);
            // A publication, not an approval: nothing to wait for.
            emit(setId, event);
            return;
        }
        if (proposal) {
            boolean inForce = violation.getMessage().endsWith(IN_FORCE_ENDING);
            event = verdictEvent(violation, inForce ? AccessAuditKind.POLICY_IN_FORCE : AccessAuditKind.POLICY_REFUSED,
                    inForce ? AccessOutcome.DONE : AccessOutcome.REFUSED);
        } else {
            event = verdictEvent(violation, AccessAuditKind.POLICY_APPROVAL_REFUSED, AccessOutcome.REFUSED);
        }
        Long until = approvedUntil.get(setId);
        if (until != null && until >= timestamp) {
            emit(setId, event);
        } else {
            parked.put(parkPrefix(setId) + String.format("%020d.%020d.", timestamp, context.currentSystemTimeMs())
                    + event.getEventId(), event);
        }
    }

    private static AccessAuditEvent verdictEvent(Violation violation, AccessAuditKind kind, AccessOutcome outcome) {
        return AccessAudit.policy("policy-verdict/" + violation.getViolationId(), kind, outcome, GOVERNANCE_ACTOR,
                violation.getPolicySetId(), violation.getPolicySetVersion(), violation.getMessage(), violation.getDetectedAt());
    }

    private void releaseOverdue(long now) {
        List<KeyValue<String, AccessAuditEvent>> overdue = new ArrayList<>();
        try (var all = parked.all()) {
            all.forEachRemaining(entry -> {
                if (parkedAt(entry.key) + PARK_LIMIT.toMillis() < now) {
                    overdue.add(entry);
                }
            });
        }
        overdue.forEach(entry -> release(entry.key, entry.value));
    }

    private void release(String key, AccessAuditEvent event) {
        parked.delete(key);
        emit(new String(Base64.getUrlDecoder().decode(key.substring(0, key.indexOf('.'))), StandardCharsets.UTF_8), event);
    }

    private void emit(String setId, AccessAuditEvent event) {
        context.forward(new Record<>(PolicySetSubject.of(setId), event, context.currentSystemTimeMs()));
    }

    /**
     * Parked keys are {@code <set id, base64url>.<record timestamp>.<wall clock when parked>.<event id>}, the
     * times in 20 digits: in timestamp order per
     * set, and a set id of any characters (they come from whoever writes an approval) cannot run into another.
     */
    private static String parkPrefix(String setId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(setId.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static long timestampOf(String parkedKey) {
        int start = parkedKey.indexOf('.') + 1;
        return Long.parseLong(parkedKey.substring(start, start + 20));
    }

    private static long parkedAt(String parkedKey) {
        int start = parkedKey.indexOf('.') + 22;
        return Long.parseLong(parkedKey.substring(start, start + 20));
    }
}
