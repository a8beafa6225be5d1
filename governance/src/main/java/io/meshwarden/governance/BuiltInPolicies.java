package io.meshwarden.governance;

import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.governance.policy.PolicyCompiler;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The global policy set in force before any global set has been published: the few rules no
 * mesh should run without (naming, ownership, personal data, versioning and compatibility).
 * The shipped, fuller global set is {@code policies/global.yaml}.
 */
public final class BuiltInPolicies {
    public static final PolicySetRef GLOBAL = new PolicySetRef("global-builtin", "1.0.0");
    public static final PolicySet SET = PolicySet.newBuilder()
            .setId(GLOBAL.id()).setVersion(GLOBAL.version()).setScope(PolicyScope.GLOBAL).setDomain(null)
            .setRules(List.of(
                    rule("naming.product-id", "product-id-naming", "product ids are <domain>.<product> in kebab case"),
                    rule("metadata.ownership", "ownership", "every product names an owner team and a steward e-mail"),
                    rule("classification.pii", "pii-classification", "personal data is at least confidential"),
                    rule("versioning.semver", "versioning", "every change raises the semantic version"),
                    rule("compatibility.breaking-change", "compatibility", "a breaking change needs a major version")))
            .setPublishedAt(Instant.EPOCH)
            .build();

    private BuiltInPolicies() {
    }

    public static GovernanceEngine globalEngine() {
        return PolicyCompiler.compile(SET);
    }

    private static PolicyRule rule(String id, String kind, String description) {
        return PolicyRule.newBuilder().setId(id).setKind(kind).setSeverity(Severity.BLOCKING).setDescription(description)
                .setParameters(Map.of()).setExpression(null).build();
    }
}
