package io.meshwarden.governance;

import io.meshwarden.avro.DecisionOutcome;
import java.util.List;

/**
 * The judgement of one contract against every policy set that applies to it (the global set and
 * the sets of its domain): one {@link Evaluation} per set, each naming its set and version.
 */
public record Verdict(List<Evaluation> evaluations) {

    public Verdict {
        evaluations = List.copyOf(evaluations);
    }

    /** Blocking findings keep the contract out of the catalog; warnings let it in. */
    public static DecisionOutcome outcomeOf(List<Finding> findings) {
        if (findings.stream().anyMatch(Finding::blocking)) {
            return DecisionOutcome.REJECTED;
        }
        return findings.isEmpty() ? DecisionOutcome.ACCEPTED : DecisionOutcome.ACCEPTED_WITH_WARNINGS;
    }

    public DecisionOutcome outcome() {
        return outcomeOf(findings());
    }

    public boolean accepted() {
        return outcome() != DecisionOutcome.REJECTED;
    }

    public List<Finding> findings() {
        return evaluations.stream().flatMap(e -> e.findings().stream()).toList();
    }

    /** {@code id@version} of every set evaluated, global first. */
    public List<String> policySets() {
        return evaluations.stream().map(e -> e.policySet().toString()).toList();
    }
}
