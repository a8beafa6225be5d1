package io.meshwarden.access;

import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessAuditKind;
import io.meshwarden.avro.AccessCommand;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.AccessState;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ProductStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The state machine of one access request, pure: a command and the request's current state (null
 * before it is filed) give either the next state and its audit event, or a refusal with the reason.
 * <pre>
 * REQUEST --> PENDING --approve (by the last required approver)--> APPROVED --reconciler--> PROVISIONED
 *                |                                                     |                       |
 *                +--reject--> REJECTED                                  +--revoke / expiry------+--> REVOKED / EXPIRED
 * </pre>
 * A grant's clock starts at the last approval. A requester (who filed it, or the principal it is for)
 * never approves or rejects their own request; approvers are distinct; only the approvers, the
 * requester or the grantee may revoke. Nothing here reads a clock: {@code now} is given.
 */
public final class AccessLifecycle {
    /** The longest grant a request may ask for. */
    public static final Duration MAX_DURATION = Duration.ofDays(365);
    /** The shortest; below it the reconciler could not apply the grant before it ends. */
    public static final Duration MIN_DURATION = Duration.ofSeconds(1);
    public static final int MAX_TEXT = 500;
    /** States in which the request is a grant: its ACLs are desired. */
    public static final Set<AccessState> LIVE = Set.of(AccessState.APPROVED, AccessState.PROVISIONED);

    /** What a command does. */
    public sealed interface Outcome {
        AccessAuditEvent audit();
    }

    /** The request moved (or, for a partial approval, gained an approver). */
    public record Changed(AccessRequest next, AccessAuditEvent audit) implements Outcome {
    }

    /** The command was refused; the request, if any, is unchanged. */
    public record Refused(AccessAuditEvent audit) implements Outcome {
    }

    private AccessLifecycle() {
    }

    /**
     * @param current the request the command names, null if it has none yet
     * @param product the catalog's contract of the product a REQUEST names, null if unknown (ignored otherwise)
     */
    public static Outcome apply(AccessRequest current, AccessCommand command, DataProductContract product, Instant now) {
        String actorProblem = Principals.problem("actor", command.getActor());
        if (actorProblem != null) {
            return refuse(current, command, actorProblem, now);
        }
        return switch (command.getAction()) {
            case REQUEST -> request(current, command, product, now);
            case APPROVE -> approve(current, command, now);
            case REJECT -> reject(current, command, now);
            case REVOKE -> revoke(current, command, now);
            case MARK_PROVISIONED -> provisioned(current, command, now);
            case UNKNOWN -> refuse(current, command, "unknown action; expected REQUEST, APPROVE, REJECT or REVOKE", now);
        };
    }

    /** The request expired at {@code now}, or null if it is not a live grant past its end. */
    public static Changed expire(AccessRequest current, Instant now, String actor) {
        if (!LIVE.contains(current.getState()) || current.getExpiresAt() == null || current.getExpiresAt().isAfter(now)) {
            return null;
        }
        AccessRequest next = AccessRequest.newBuilder(current).setState(AccessState.EXPIRED).setChangedAt(now).build();
        return new Changed(next, AccessAudit.transition(AccessAuditKind.EXPIRED, actor, current.getState(), next,
                "the grant of " + current.getDuration() + " ended at " + current.getExpiresAt(), now));
    }

    private static Outcome request(AccessRequest current, AccessCommand command, DataProductContract product, Instant now) {
        if (current != null) {
            return refuse(current, command, "request '" + command.getRequestId() + "' already exists", now);
        }
        String problem = requestProblem(command, product);
        if (problem != null) {
            return refuse(null, command, problem, now);
        }
        AccessRequest next = AccessRequest.newBuilder().setRequestId(command.getRequestId())
                .setProductId(command.getProductId()).setPrincipal(command.getPrincipal()).setRequestedBy(command.getActor())
                .setPurpose(command.getPurpose().trim()).setDuration(command.getDuration()).setState(AccessState.PENDING)
                .setRequiredApprovals(ApprovalPolicy.requiredApprovals(product)).setApprovers(List.of())
                .setAllowedApprovers(ApprovalPolicy.allowedApprovers(product)).setTopics(ApprovalPolicy.topics(product))
                .setDecidedBy(null).setReason(null).setRequestedAt(now).setApprovedAt(null).setExpiresAt(null)
                .setChangedAt(now).build();
        return new Changed(next, AccessAudit.transition(AccessAuditKind.REQUESTED, command.getActor(), null, next,
                "requested for " + next.getDuration() + ": " + next.getPurpose() + " (needs " + next.getRequiredApprovals()
                        + " of " + next.getAllowedApprovers() + ")", now));
    }

    private static String requestProblem(AccessCommand command, DataProductContract product) {
        if (command.getProductId() == null || command.getProductId().isBlank()) {
            return "productId is required";
        }
        if (product == null) {
            return "unknown product '" + command.getProductId() + "': the catalog has no accepted contract for it";
        }
        if (product.getStatus() == ProductStatus.RETIRED) {
            return "product '" + product.getId() + "' is retired";
        }
        if (ApprovalPolicy.topics(product).isEmpty()) {
            return "product '" + product.getId() + "' has no output port to read";
        }
        if (ApprovalPolicy.allowedApprovers(product).size() < ApprovalPolicy.requiredApprovals(product)) {
            return "product '" + product.getId() + "' needs " + ApprovalPolicy.requiredApprovals(product)
                    + " distinct approvers but its contract names " + ApprovalPolicy.allowedApprovers(product)
                    + " (owner team and steward)";
        }
        String principal = Principals.problem("principal", command.getPrincipal());
        if (principal != null) {
            return principal;
        }
        if (command.getPurpose() == null || command.getPurpose().isBlank()) {
            return "purpose is required: why the access is needed";
        }
        if (command.getPurpose().length() > MAX_TEXT) {
            return "purpose is longer than " + MAX_TEXT + " characters";
        }
        return durationProblem(command.getDuration());
    }

    /** The problem with an ISO-8601 grant duration, or null when it is one between the bounds. */
    public static String durationProblem(String text) {
        if (text == null || text.isBlank()) {
            return "duration is required, as ISO-8601 such as P30D or PT12H";
        }
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            return "duration must be ISO-8601 such as P30D or PT12H, not '" + text + "'";
        }
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            return "duration must be between " + MIN_DURATION + " and " + MAX_DURATION + " (P365D), not " + text;
        }
        return null;
    }

    private static Outcome approve(AccessRequest current, AccessCommand command, Instant now) {
        String problem = decisionProblem(current, command, "approve");
        if (problem != null) {
            return refuse(current, command, problem, now);
        }
        if (current.getApprovers().stream().anyMatch(a -> Principals.same(a, command.getActor()))) {
            return refuse(current, command, command.getActor() + " has already approved; a second approval must come from "
                    + "another approver (four eyes)", now);
        }
        List<String> approvers = new ArrayList<>(current.getApprovers());
        approvers.add(command.getActor());
        AccessRequest.Builder next = AccessRequest.newBuilder(current).setApprovers(approvers).setChangedAt(now);
        if (approvers.size() < current.getRequiredApprovals()) {
            AccessRequest pending = next.build();
            return new Changed(pending, AccessAudit.transition(AccessAuditKind.APPROVAL_RECORDED, command.getActor(),
                    current.getState(), pending, "approval " + approvers.size() + " of " + current.getRequiredApprovals()
                            + reasonSuffix(command), now));
        }
        AccessRequest approved = next.setState(AccessState.APPROVED).setApprovedAt(now)
                .setExpiresAt(now.plus(Duration.parse(current.getDuration()))).build();
        return new Changed(approved, AccessAudit.transition(AccessAuditKind.APPROVED, command.getActor(), current.getState(),
                approved, "approved by " + approvers + " until " + approved.getExpiresAt() + reasonSuffix(command), now));
    }

    private static Outcome reject(AccessRequest current, AccessCommand command, Instant now) {
        String problem = decisionProblem(current, command, "reject");
        if (problem != null) {
            return refuse(current, command, problem, now);
        }
        AccessRequest rejected = AccessRequest.newBuilder(current).setState(AccessState.REJECTED)
                .setDecidedBy(command.getActor()).setReason(command.getReason()).setChangedAt(now).build();
        return new Changed(rejected, AccessAudit.transition(AccessAuditKind.REJECTED, command.getActor(), current.getState(),
                rejected, "rejected" + reasonSuffix(command), now));
    }

    private static String decisionProblem(AccessRequest current, AccessCommand command, String verb) {
        if (current == null) {
            return "no request '" + command.getRequestId() + "'";
        }
        if (current.getState() != AccessState.PENDING) {
            return "only a PENDING request can be " + verb + "d; '" + current.getRequestId() + "' is " + current.getState();
        }
        if (Principals.same(command.getActor(), current.getRequestedBy()) || Principals.same(command.getActor(), current.getPrincipal())) {
            return command.getActor() + " may not " + verb + " their own request";
        }
        if (!ApprovalPolicy.mayApprove(current.getAllowedApprovers(), command.getActor())) {
            return command.getActor() + " may not " + verb + " access to " + current.getProductId()
                    + "; its approvers are " + current.getAllowedApprovers() + " (owner team and steward)";
        }
        return null;
    }

    private static Outcome revoke(AccessRequest current, AccessCommand command, Instant now) {
        if (current == null) {
            return refuse(null, command, "no request '" + command.getRequestId() + "'", now);
        }
        if (!LIVE.contains(current.getState())) {
            return refuse(current, command, "only an APPROVED or PROVISIONED grant can be revoked; '"
                    + current.getRequestId() + "' is " + current.getState(), now);
        }
        String actor = command.getActor();
        if (!ApprovalPolicy.mayApprove(current.getAllowedApprovers(), actor) && !Principals.same(actor, current.getRequestedBy())
                && !Principals.same(actor, current.getPrincipal())) {
            return refuse(current, command, actor + " may not revoke it; the approvers " + current.getAllowedApprovers()
                    + ", the requester and the grantee may", now);
        }
        AccessRequest revoked = AccessRequest.newBuilder(current).setState(AccessState.REVOKED).setDecidedBy(actor)
                .setReason(command.getReason()).setChangedAt(now).build();
        return new Changed(revoked, AccessAudit.transition(AccessAuditKind.REVOKED, actor, current.getState(), revoked,
                "revoked" + reasonSuffix(command), now));
    }

    private static Outcome provisioned(AccessRequest current, AccessCommand command, Instant now) {
        if (current == null || current.getState() != AccessState.APPROVED) {
            return refuse(current, command, "only an APPROVED request becomes PROVISIONED; '" + command.getRequestId() + "' is "
                    + (current == null ? "unknown" : current.getState()), now);
        }
        AccessRequest next = AccessRequest.newBuilder(current).setState(AccessState.PROVISIONED).setChangedAt(now).build();
        return new Changed(next, AccessAudit.transition(AccessAuditKind.PROVISIONED, command.getActor(), current.getState(), next,
                command.getReason() == null ? "its ACLs are in place" : command.getReason(), now));
    }

    private static Refused refuse(AccessRequest current, AccessCommand command, String reason, Instant now) {
        return new Refused(AccessAudit.refused(command.getRequestId(), command.getActor(),
                current != null ? current.getProductId() : command.getProductId(),
                current != null ? current.getPrincipal() : command.getPrincipal(),
                current == null ? null : current.getState(), command.getAction() + " refused: " + reason, now));
    }

    private static String reasonSuffix(AccessCommand command) {
        return command.getReason() == null || command.getReason().isBlank() ? "" : ": " + command.getReason();
    }
}
