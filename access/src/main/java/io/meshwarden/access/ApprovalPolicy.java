package io.meshwarden.access;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may approve access to a product, and how many of them must: the product's owner team and its
 * steward, as the contract names them; two distinct approvers (four eyes) for a {@code restricted}
 * product, a restricted output port or any PII field, else one. Read from the contract in force when
 * the request is filed and kept on the request, so that a later contract change does not change the
 * rules of a request under way.
 */
public final class ApprovalPolicy {
    private ApprovalPolicy() {
    }

    /** Owner team and steward, whichever the contract names, in that order. */
    public static List<String> allowedApprovers(DataProductContract product) {
        List<String> approvers = new ArrayList<>();
        if (product.getOwner() != null && product.getOwner().getTeam() != null && !product.getOwner().getTeam().isBlank()) {
            approvers.add(product.getOwner().getTeam());
        }
        if (product.getOwner() != null && product.getOwner().getSteward() != null
                && !product.getOwner().getSteward().isBlank()) {
            approvers.add(product.getOwner().getSteward());
        }
        return approvers;
    }

    public static int requiredApprovals(DataProductContract product) {
        boolean restricted = product.getClassification() == Classification.RESTRICTED
                || product.getOutputPorts().stream().map(OutputPort::getClassification).anyMatch(c -> c == Classification.RESTRICTED);
        boolean pii = product.getFields().stream().anyMatch(FieldSpec::getPii);
        return restricted || pii ? 2 : 1;
    }

    /** The output topics a grant on this product reads. */
    public static List<String> topics(DataProductContract product) {
        return product.getOutputPorts().stream().map(OutputPort::getTopic).distinct().toList();
    }

    /** Whether {@code actor} is one of {@code allowed} (compared by {@link Principals#identity}). */
    public static boolean mayApprove(List<String> allowed, String actor) {
        return allowed.stream().anyMatch(approver -> Principals.same(approver, actor));
    }
}
