package io.meshwarden.governance.policy;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Verdict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A dry run of a policy change: every contract of the catalog judged by the policy sets in force
 * and by the same sets with the proposed ones admitted, and the products whose verdict changes:
 * those that would newly fail, newly pass, or stay accepted with new warnings.
 * What a steward reads before approving a held set, and a domain before publishing its own. Each
 * contract is judged alone (no previous version, no catalog-wide view), so the versioning and
 * retirement rules, which compare with what came before, are not part of the plan.
 */
public final class PolicyPlan {

    /** What a proposed change does to one product's verdict. */
    public enum Effect { NEWLY_FAILS, NEWLY_PASSES, NEWLY_WARNS }

    /**
     * One product whose verdict changes: it newly fails (with the findings that fail it), newly passes,
     * or is still accepted with warnings it did not have (those warnings).
     */
    public record Change(DataProductContract contract, Effect effect, List<Finding> newFindings) {
        public boolean newlyPasses() {
            return effect == Effect.NEWLY_PASSES;
        }
    }

    private PolicyPlan() {
    }

    /** The changes, by product id; products whose verdict and warnings stay are left out, as are their unchanged findings. */
    public static List<Change> of(PolicyLayers inForce, PolicyLayers proposed, Collection<DataProductContract> catalog) {
        List<Change> changes = new ArrayList<>();
        for (DataProductContract contract : catalog.stream().sorted(Comparator.comparing(DataProductContract::getId)).toList()) {
            Verdict before = inForce.evaluate(ContractContext.of(contract));
            Verdict after = proposed.evaluate(ContractContext.of(contract));
            Set<String> known = before.findings().stream().map(PolicyPlan::identity).collect(Collectors.toSet());
            List<Finding> added = after.findings().stream().filter(f -> !known.contains(identity(f))).toList();
            if (before.accepted() != after.accepted()) {
                changes.add(new Change(contract, after.accepted() ? Effect.NEWLY_PASSES : Effect.NEWLY_FAILS, added));
            } else if (after.accepted() && !added.isEmpty()) {
                changes.add(new Change(contract, Effect.NEWLY_WARNS, added));
            }
        }
        return changes;
    }

    /** The layers of the sets in force as read from their topic: its global set (the built-in one when none), and its domain sets. */
    public static PolicyLayers inForce(Collection<io.meshwarden.avro.PolicySet> sets) {
        io.meshwarden.avro.PolicySet global = sets.stream().filter(set -> set.getScope() == io.meshwarden.avro.PolicyScope.GLOBAL)
                .findFirst().orElse(PolicyLayers.builtIn().global());
        return PolicyLayers.of(global, sets.stream().filter(set -> set.getScope() == io.meshwarden.avro.PolicyScope.DOMAIN).toList());
    }

    /** The layers with {@code sets} admitted in order, as stewards' approval would admit them; refusals throw. */
    public static PolicyLayers withProposed(PolicyLayers inForce, List<io.meshwarden.avro.PolicySet> sets) {
        PolicyLayers layers = inForce;
        for (io.meshwarden.avro.PolicySet set : sets) {
            Admission admission = layers.admitApproved(set);
            if (admission instanceof Admission.Rejected rejected) {
                throw new InvalidPolicyException(rejected.reason());
            }
            layers = ((Admission.Accepted) admission).layers();
        }
        return layers;
    }

    private static String identity(Finding finding) {
        return finding.ruleId() + "\n" + finding.message();
    }
}
