package io.meshwarden.sla.docs;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.policy.PolicyLayers;
import io.meshwarden.governance.policy.PolicyPlan;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer of {@code POST /api/policies/plan}: the sets in force the plan was judged against, the set
 * proposed, how many products the catalog holds, the counts per effect, and per owner team (with its
 * steward) the products whose verdict changes with the findings that change it.
 */
@Serdeable
public record PlanView(List<String> inForce, String proposed, int catalogued, Counts counts, List<Owner> owners) {

    @Serdeable
    public record Counts(long newlyFail, long newlyWarn, long newlyPass) {
    }

    @Serdeable
    public record Owner(String team, String steward, List<Product> products) {
    }

    @Serdeable
    public record Product(String productId, String version, String effect, List<FindingView> findings) {
    }

    @Serdeable
    public record FindingView(String ruleId, String severity, String category, String message) {
        static FindingView of(Finding finding) {
            return new FindingView(finding.ruleId(), lower(finding.severity()), lower(finding.category()), finding.message());
        }
    }

    static PlanView of(PolicyLayers inForce, String proposed, int catalogued, List<PolicyPlan.Change> changes) {
        Map<List<String>, List<Product>> byOwner = new TreeMap<>((a, b) -> (a.get(0) + "\n" + a.get(1)).compareTo(b.get(0) + "\n" + b.get(1)));
        for (PolicyPlan.Change change : changes) {
            DataProductContract contract = change.contract();
            List<String> owner = java.util.Arrays.asList(String.valueOf(contract.getOwner().getTeam()),
                    String.valueOf(contract.getOwner().getSteward()));
            byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(new Product(contract.getId(), contract.getVersion(),
                    lower(change.effect()), change.newFindings().stream().map(FindingView::of).toList()));
        }
        List<Owner> owners = new ArrayList<>();
        byOwner.forEach((owner, products) -> owners.add(new Owner(nullable(owner.get(0)), nullable(owner.get(1)), products)));
        return new PlanView(inForce.sets().stream().map(set -> set.getId() + "@" + set.getVersion()).toList(), proposed, catalogued,
                new Counts(count(changes, PolicyPlan.Effect.NEWLY_FAILS), count(changes, PolicyPlan.Effect.NEWLY_WARNS),
                        count(changes, PolicyPlan.Effect.NEWLY_PASSES)), owners);
    }

    private static String nullable(String text) {
        return "null".equals(text) ? null : text;
    }

    private static long count(List<PolicyPlan.Change> changes, PolicyPlan.Effect effect) {
        return changes.stream().filter(c -> c.effect() == effect).count();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
