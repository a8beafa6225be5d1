package io.meshwarden.cli;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.policy.PolicyLayers;
import io.meshwarden.governance.policy.PolicyPlan;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a dry run of a policy change ({@link PolicyPlan}) for stewards, the way a Terraform plan reads:
 * per owner team (with its steward), each product that would newly fail (with the findings that fail
 * it), newly warn (with the new warnings) or newly pass, then one summary line with the counts and the
 * sets in force the plan was judged against.
 */
final class PlanPrinter {
    private final TerminalWriter out;

    PlanPrinter(PrintWriter out) {
        this.out = TerminalWriter.of(out);
    }

    void print(List<PolicyPlan.Change> changes, int catalogued, PolicyLayers inForce) {
        Map<String, List<PolicyPlan.Change>> byOwner = new TreeMap<>();
        for (PolicyPlan.Change change : changes) {
            byOwner.computeIfAbsent(owner(change.contract()), o -> new java.util.ArrayList<>()).add(change);
        }
        byOwner.forEach((owner, owned) -> {
            out.printf("owner %s%n", owner);
            for (PolicyPlan.Change change : owned) {
                out.printf("  %-13s %s@%s%n", label(change.effect()), change.contract().getId(), change.contract().getVersion());
                change.newFindings().forEach(f -> out.printf("    %-8s %s: %s%n",
                        f.severity().name().toLowerCase(Locale.ROOT), f.ruleId(), f.message()));
            }
        });
        out.printf("%d of %d catalogued products change: %d newly fail, %d newly warn, %d newly pass; in force: %s%n",
                changes.size(), catalogued, count(changes, PolicyPlan.Effect.NEWLY_FAILS),
                count(changes, PolicyPlan.Effect.NEWLY_WARNS), count(changes, PolicyPlan.Effect.NEWLY_PASSES),
                String.join(", ", inForce.sets().stream().map(set -> set.getId() + "@" + set.getVersion()).toList()));
        out.flush();
    }

    static String label(PolicyPlan.Effect effect) {
        return effect.name().replace('_', ' ');
    }

    /** The owner team and steward as the contract names them. */
    static String owner(DataProductContract contract) {
        String team = contract.getOwner() == null || contract.getOwner().getTeam() == null ? "(no team)" : contract.getOwner().getTeam();
        String steward = contract.getOwner() == null ? null : contract.getOwner().getSteward();
        return team + (steward == null ? "" : " (steward " + steward + ")");
    }

    private static long count(List<PolicyPlan.Change> changes, PolicyPlan.Effect effect) {
        return changes.stream().filter(c -> c.effect() == effect).count();
    }
}
