package io.meshwarden.access.reconcile;

import io.meshwarden.access.AccessLifecycle;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.AccessState;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What the cluster's ACLs should be: the {@link BaselineAcls} of the catalog plus the {@link GrantAcls}
 * of every live grant (APPROVED or PROVISIONED), each with what explains it; the ACLs of ended grants
 * (REVOKED, EXPIRED) that nothing else explains, to be deleted; and the resources Meshwarden manages
 * (every product's output topic, every grant's group prefix, every baseline pattern), on which an ACL
 * nothing explains is drift. Pure: the same catalog and requests give the same plan.
 */
public final class DesiredAcls {
    /** Why a binding is desired or retired: its request (null for the baseline) and a sentence. */
    public record Because(String requestId, String productId, String why) {
    }

    public record Plan(Map<AclBinding, Because> desired, Map<AclBinding, Because> retired, Set<ResourcePattern> managed) {
        public boolean isManaged(AclBinding binding) {
            return managed.contains(binding.pattern());
        }
    }

    private final BaselineAcls baseline;

    public DesiredAcls(BaselineAcls baseline) {
        this.baseline = baseline;
    }

    public Plan plan(Collection<DataProductContract> catalog, Collection<AccessRequest> requests) {
        Map<AclBinding, Because> desired = new LinkedHashMap<>();
        Map<AclBinding, Because> retired = new LinkedHashMap<>();
        Set<ResourcePattern> managed = new LinkedHashSet<>();
        for (AclBinding binding : baseline.of(catalog)) {
            desired.putIfAbsent(binding, new Because(null, null, "baseline of the catalog"));
        }
        for (AccessRequest request : requests) {
            if (AccessLifecycle.LIVE.contains(request.getState())) {
                for (AclBinding binding : GrantAcls.of(request)) {
                    desired.putIfAbsent(binding, new Because(request.getRequestId(), request.getProductId(),
                            "grant " + request.getRequestId() + " is " + request.getState() + " until " + request.getExpiresAt()));
                }
            }
        }
        for (AccessRequest request : requests) {
            if (request.getState() == AccessState.REVOKED || request.getState() == AccessState.EXPIRED) {
                for (AclBinding binding : GrantAcls.of(request)) {
                    if (!desired.containsKey(binding)) {
                        retired.putIfAbsent(binding, new Because(request.getRequestId(), request.getProductId(),
                                "grant " + request.getRequestId() + " is " + request.getState()));
                    }
                }
            }
        }
        for (DataProductContract product : catalog) {
            for (OutputPort port : product.getOutputPorts()) {
                managed.add(new ResourcePattern(ResourceType.TOPIC, port.getTopic(), PatternType.LITERAL));
            }
        }
        desired.keySet().forEach(binding -> managed.add(binding.pattern()));
        retired.keySet().forEach(binding -> managed.add(binding.pattern()));
        return new Plan(desired, retired, managed);
    }
}
