package io.meshwarden.governance;

import io.meshwarden.avro.Severity;
import io.meshwarden.governance.rules.OwnershipRule;
import io.meshwarden.governance.rules.PiiClassificationRule;
import io.meshwarden.governance.rules.ProductIdNamingRule;
import java.util.List;

/** The global policy set that is in force before any policy set has been published. */
public final class BuiltInPolicies {
    public static final PolicySetRef GLOBAL = new PolicySetRef("global-builtin", "1.0.0");

    private BuiltInPolicies() {
    }

    public static GovernanceEngine globalEngine() {
        return new GovernanceEngine(GLOBAL, List.of(
                new ProductIdNamingRule("naming.product-id", Severity.BLOCKING),
                new OwnershipRule("metadata.ownership", Severity.BLOCKING),
                new PiiClassificationRule("classification.pii", Severity.BLOCKING)));
    }
}
