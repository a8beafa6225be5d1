package io.meshwarden.access.reconcile;

import io.meshwarden.avro.DataProductContract;
import java.util.Collection;
import java.util.Set;
import org.apache.kafka.common.acl.AclBinding;

/**
 * The ACLs every deployment has whatever the grants: what the catalog itself implies (a domain writes
 * its own products' topics, reads by classification). The reconciler keeps them in place like the
 * grants' and never reports them as drift. The secured-broker work provides the real one; until it is
 * wired in, {@link #NONE} leaves the baseline to whoever manages it.
 */
@FunctionalInterface
public interface BaselineAcls {
    BaselineAcls NONE = catalog -> Set.of();

    Set<AclBinding> of(Collection<DataProductContract> catalog);
}
