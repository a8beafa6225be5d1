package io.meshwarden.governance.policy;

import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.governance.GovernanceEngine;
import io.meshwarden.governance.PolicySetRef;
import io.meshwarden.governance.Rule;
import io.meshwarden.governance.diff.SemVer;
import io.meshwarden.schemas.violation.ViolationFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns a policy set into an engine: checks its id, version, scope and rule ids, builds every
 * rule from its kind (compiling CEL expressions once, here) and fails with an
 * {@link InvalidPolicyException} naming the set and rule at fault.
 */
public final class PolicyCompiler {
    private PolicyCompiler() {
    }

    public static PolicySetRef ref(PolicySet set) {
        return new PolicySetRef(set.getId(), set.getVersion());
    }

    public static GovernanceEngine compile(PolicySet set) {
        return compile(set, UnaryOperator.identity());
    }

    /** @param effective what each rule becomes before it is built (a domain override merged with its global rule) */
    static GovernanceEngine compile(PolicySet set, UnaryOperator<PolicyRule> effective) {
        String name = "policy set '" + set.getId() + "'";
        if (set.getId() == null || set.getId().isBlank()) {
            throw new InvalidPolicyException("a policy set needs an id");
        }
        if (SemVer.parse(set.getVersion()).isEmpty()) {
            throw new InvalidPolicyException(name + ": version '" + set.getVersion() + "' is not MAJOR.MINOR.PATCH");
        }
        boolean domainScoped = set.getScope() == PolicyScope.DOMAIN;
        if (domainScoped == (set.getDomain() == null || set.getDomain().isBlank())) {
            throw new InvalidPolicyException(name + (domainScoped ? ": a domain set must name its domain"
                    : ": a global set applies to every domain and must not name one"));
        }
        Set<String> ids = new HashSet<>();
        List<Rule> rules = set.getRules().stream().map(rule -> {
            if (rule.getId() == null || rule.getId().isBlank()) {
                throw new InvalidPolicyException(name + ": every rule needs an id");
            }
            if (rule.getId().indexOf(ViolationFactory.SEPARATOR) >= 0) {
                throw new InvalidPolicyException(name + ": rule id '" + rule.getId() + "' must not hold '"
                        + ViolationFactory.SEPARATOR + "', which separates the parts of violation and alert ids");
            }
            if (!ids.add(rule.getId())) {
                throw new InvalidPolicyException(name + ": rule id '" + rule.getId() + "' appears twice");
            }
            RuleKind kind = RuleKinds.named(rule.getKind()).orElseThrow(() -> new InvalidPolicyException(name + ": rule '"
                    + rule.getId() + "' has unknown kind '" + rule.getKind() + "'; known kinds: " + RuleKinds.names()));
            try {
                return kind.create(effective.apply(rule));
            } catch (InvalidPolicyException e) {
                throw new InvalidPolicyException(name + ": " + e.getMessage(), e);
            }
        }).toList();
        return new GovernanceEngine(ref(set), rules);
    }
}
