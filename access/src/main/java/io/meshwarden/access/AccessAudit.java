package io.meshwarden.access;

import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessAuditKind;
import io.meshwarden.avro.AccessOutcome;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.AccessState;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.acl.AclBinding;

/**
 * Builds every event of {@code mesh.access.audit}, so that the topology and the reconciler write the
 * same who / what / on which resource / why / by which request. Resources are written
 * {@code TYPE:PATTERN:name} ({@code TOPIC:LITERAL:paid-media.spend}), operations
 * {@code OPERATION PERMISSION} ({@code READ ALLOW}).
 */
public final class AccessAudit {
    private AccessAudit() {
    }

    /** A request's transition from {@code from} (null for a new one) to {@code to.getState()}. */
    public static AccessAuditEvent transition(AccessAuditKind kind, String actor, AccessState from, AccessRequest to,
                                              String reason, Instant at) {
        return base(kind, AccessOutcome.DONE, actor, reason, at).setRequestId(to.getRequestId())
                .setProductId(to.getProductId()).setPrincipal(to.getPrincipal())
                .setFromState(from == null ? null : from.name()).setToState(to.getState().name()).build();
    }

    /** A command the workflow refused; {@code current} is the request it named, if there is one. */
    public static AccessAuditEvent refused(String requestId, String actor, String productId, String principal,
                                           AccessState current, String reason, Instant at) {
        String state = current == null ? null : current.name();
        return base(AccessAuditKind.REFUSED, AccessOutcome.REFUSED, actor, reason, at).setRequestId(requestId)
                .setProductId(productId).setPrincipal(principal).setFromState(state).setToState(state).build();
    }

    /** An ACL the reconciler created, restored, deleted or found; {@code requestId} null when no request explains it. */
    public static AccessAuditEvent acl(AccessAuditKind kind, AccessOutcome outcome, String actor, AclBinding binding,
                                       String requestId, String productId, String reason, Instant at) {
        return base(kind, outcome, actor, reason, at).setRequestId(requestId).setProductId(productId)
                .setPrincipal(binding.entry().principal()).setResource(resource(binding))
                .setOperation(binding.entry().operation() + " " + binding.entry().permissionType()).build();
    }

    /** A reconciliation pass that failed; it is retried with backoff. */
    public static AccessAuditEvent failed(String actor, String reason, Instant at) {
        return base(AccessAuditKind.PROVISIONING_FAILED, AccessOutcome.FAILED, actor, reason, at).build();
    }

    /**
     * A step of a held policy set, {@code resource} {@code POLICY_SET:<id>@<version>}; {@code eventId} is
     * derived from what caused it (the approval's or the violation's id), so that a replay gives the same event.
     */
    public static AccessAuditEvent policy(String eventId, AccessAuditKind kind, AccessOutcome outcome, String actor,
                                          String setId, String version, String reason, Instant at) {
        return base(kind, outcome, actor, reason, at).setEventId(eventId).setResource("POLICY_SET:" + setId + "@" + version)
                .build();
    }

    public static String resource(AclBinding binding) {
        return binding.pattern().resourceType() + ":" + binding.pattern().patternType() + ":" + binding.pattern().name();
    }

    /** The key of an event: its request, else its resource, else its kind. */
    public static String keyOf(AccessAuditEvent event) {
        if (event.getRequestId() != null) {
            return event.getRequestId();
        }
        return event.getResource() != null ? event.getResource() : event.getKind().name();
    }

    private static AccessAuditEvent.Builder base(AccessAuditKind kind, AccessOutcome outcome, String actor, String reason,
                                                 Instant at) {
        return AccessAuditEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setKind(kind).setOutcome(outcome)
                .setActor(actor).setReason(reason).setAt(at);
    }
}
