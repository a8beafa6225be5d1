package io.meshwarden.governance.policy;

import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.governance.BuiltInPolicies;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Evaluation;
import io.meshwarden.governance.GovernanceEngine;
import io.meshwarden.governance.Verdict;
import io.meshwarden.governance.diff.SemVer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The policy sets in force: one global set and any number of domain sets, compiled once.
 * A contract is judged by the global set and by the sets of its own domain; a domain rule that
 * overrides a global rule (same id, at least as strict) is evaluated in its place. Immutable:
 * {@link #admit} returns new layers or says why a set is refused.
 */
public final class PolicyLayers {
    private final PolicySet global;
    private final Map<String, PolicySet> domainSets;
    private final GovernanceEngine globalEngine;
    private final Map<String, List<GovernanceEngine>> byDomain = new HashMap<>();

    private PolicyLayers(PolicySet global, Map<String, PolicySet> domainSets) {
        this.global = global;
        this.domainSets = domainSets;
        this.globalEngine = PolicyCompiler.compile(global);
        Map<String, PolicyRule> globalRules = PolicyLayering.byId(global);
        domainSets.values().stream().collect(Collectors.groupingBy(PolicySet::getDomain, TreeMap::new, Collectors.toList()))
                .forEach((domain, sets) -> byDomain.put(domain, domainEngines(globalRules, sets)));
    }

    public static PolicyLayers builtIn() {
        return new PolicyLayers(BuiltInPolicies.SET, Map.of());
    }

    /** @throws InvalidPolicyException when a set does not compile */
    public static PolicyLayers of(PolicySet global, Collection<PolicySet> domainSets) {
        Map<String, PolicySet> byId = new TreeMap<>();
        domainSets.forEach(set -> byId.put(set.getId(), set));
        return new PolicyLayers(global, byId);
    }

    public Verdict evaluate(ContractContext context) {
        List<GovernanceEngine> engines = byDomain.getOrDefault(context.contract().getDomain(), List.of(globalEngine));
        List<Evaluation> evaluations = new ArrayList<>(engines.size());
        for (GovernanceEngine engine : engines) {
            evaluations.add(engine.evaluate(context));
        }
        return new Verdict(evaluations);
    }

    /** Global first, then the domain sets by id. */
    public List<PolicySet> sets() {
        List<PolicySet> sets = new ArrayList<>();
        sets.add(global);
        sets.addAll(domainSets.values());
        return sets;
    }

    public PolicySet global() {
        return global;
    }

    /**
     * A proposal the stewards approved ({@link Admission.Held} before): admitted as {@link #admit} would,
     * except that loosening the global set is what was approved. It may still be refused, if a
     * higher version went in force meanwhile or it no longer compiles.
     */
    public Admission admitApproved(PolicySet candidate) {
        return admit(candidate, true);
    }

    public Admission admit(PolicySet candidate) {
        return admit(candidate, false);
    }

    private Admission admit(PolicySet candidate, boolean approved) {
        PolicySet current = candidate.getScope() == PolicyScope.GLOBAL ? global : domainSets.get(candidate.getId());
        if (current != null && current.getId().equals(candidate.getId()) && sameContent(current, candidate)) {
            return new Admission.Accepted(candidate, this, false);
        }
        try {
            PolicyCompiler.compile(candidate);
            if (candidate.getScope() == PolicyScope.GLOBAL) {
                return admitGlobal(candidate, approved);
            }
            return admitDomain(candidate, current);
        } catch (InvalidPolicyException e) {
            return new Admission.Rejected(candidate, e.getMessage());
        }
    }

    private Admission admitGlobal(PolicySet candidate, boolean approved) {
        if (!global.getId().equals(candidate.getId()) && !global.getId().equals(BuiltInPolicies.GLOBAL.id())) {
            return new Admission.Rejected(candidate, "global policy set '" + global.getId() + "' is in force; the mesh has"
                    + " one global set, so publish a new version of it instead of '" + candidate.getId() + "'");
        }
        var problem = versionProblem(global.getId().equals(candidate.getId()) ? global : null, candidate);
        if (problem.isPresent()) {
            return new Admission.Rejected(candidate, problem.get());
        }
        // The built-in set is where a mesh starts, not a set its stewards put in force: the first
        // published global set replaces it directly. From then on, loosening needs approval.
        boolean builtIn = global.getId().equals(BuiltInPolicies.GLOBAL.id());
        List<String> loosenings = builtIn ? List.of() : PolicyLayering.loosenings(global, candidate);
        if (!approved && !loosenings.isEmpty()) {
            return new Admission.Held(candidate, loosenings);
        }
        return new Admission.Accepted(candidate, new PolicyLayers(candidate, domainSets), true);
    }

    private Admission admitDomain(PolicySet candidate, PolicySet current) {
        var problem = versionProblem(current, candidate);
        if (problem.isPresent()) {
            return new Admission.Rejected(candidate, problem.get());
        }
        List<String> conflicts = PolicyLayering.conflicts(global, candidate);
        if (!conflicts.isEmpty()) {
            return new Admission.Rejected(candidate, "domain policy set " + PolicyCompiler.ref(candidate)
                    + " loosens or contradicts the global set: " + String.join("; ", conflicts));
        }
        Map<String, PolicySet> next = new TreeMap<>(domainSets);
        next.put(candidate.getId(), candidate);
        return new Admission.Accepted(candidate, new PolicyLayers(global, next), true);
    }

    private static java.util.Optional<String> versionProblem(PolicySet current, PolicySet candidate) {
        if (current == null) {
            return java.util.Optional.empty();
        }
        boolean raised = SemVer.parse(candidate.getVersion()).orElseThrow()
                .compareTo(SemVer.parse(current.getVersion()).orElseThrow()) > 0;
        return raised ? java.util.Optional.empty() : java.util.Optional.of("policy set " + PolicyCompiler.ref(candidate)
                + " does not raise the version in force, " + current.getVersion());
    }

    private static boolean overrides(PolicyRule global, PolicyRule domain) {
        return global != null && global.getKind().equals(domain.getKind());
    }

    private static boolean sameContent(PolicySet a, PolicySet b) {
        return PolicySet.newBuilder(a).setPublishedAt(b.getPublishedAt()).build().equals(b);
    }

    private List<GovernanceEngine> domainEngines(Map<String, PolicyRule> globalRules, List<PolicySet> sets) {
        Set<String> replaced = new java.util.HashSet<>();
        List<GovernanceEngine> engines = new ArrayList<>();
        for (PolicySet set : sets) {
            // An override takes the global rule's place only while it is no looser than the global
            // set in force; after a stricter global set arrives, both are evaluated.
            boolean consistent = PolicyLayering.conflicts(global, set).isEmpty();
            set.getRules().stream().filter(rule -> consistent && globalRules.containsKey(rule.getId()))
                    .forEach(rule -> replaced.add(rule.getId()));
            engines.add(PolicyCompiler.compile(set, rule -> overrides(globalRules.get(rule.getId()), rule)
                    ? PolicyLayering.merged(globalRules.get(rule.getId()), rule) : rule));
        }
        List<PolicyRule> kept = global.getRules().stream().filter(rule -> !replaced.contains(rule.getId())).toList();
        GovernanceEngine globalPart = PolicyCompiler.compile(PolicySet.newBuilder(global).setRules(kept).build());
        engines.add(0, globalPart);
        return engines;
    }
}
