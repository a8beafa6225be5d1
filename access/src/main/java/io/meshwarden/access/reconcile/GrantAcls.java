package io.meshwarden.access.reconcile;

import io.meshwarden.avro.AccessRequest;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs one grant means: {@code READ} on each of the product's output topics (LITERAL, as the
 * request recorded them) for the grantee, and {@code READ} on the consumer groups whose id starts
 * with {@code <name>.} (PREFIXED), without which a Kafka consumer cannot subscribe.
 */
public final class GrantAcls {
    private GrantAcls() {
    }

    public static Set<AclBinding> of(AccessRequest grant) {
        Set<AclBinding> bindings = new LinkedHashSet<>();
        for (String topic : grant.getTopics()) {
            bindings.add(read(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), grant.getPrincipal()));
        }
        bindings.add(read(new ResourcePattern(ResourceType.GROUP, groupPrefix(grant.getPrincipal()), PatternType.PREFIXED),
                grant.getPrincipal()));
        return bindings;
    }

    /** The consumer-group prefix a grantee may use: {@code User:analytics} reads with groups {@code analytics.*}. */
    public static String groupPrefix(String principal) {
        return principal.substring(principal.indexOf(':') + 1) + ".";
    }

    private static AclBinding read(ResourcePattern pattern, String principal) {
        return new AclBinding(pattern, new AccessControlEntry(principal, "*", AclOperation.READ, AclPermissionType.ALLOW));
    }
}
