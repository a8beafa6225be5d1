package io.meshwarden.governance;

import io.meshwarden.avro.DecisionOutcome;
import java.util.List;

/** The result of evaluating one contract against one policy set. */
public record Evaluation(PolicySetRef policySet, List<Finding> findings) {

    public Evaluation {
        findings = List.copyOf(findings);
    }

    /** Blocking findings keep the contract out of the catalog; warnings let it in. */
    public DecisionOutcome outcome() {
        if (findings.stream().anyMatch(Finding::blocking)) {
            return DecisionOutcome.REJECTED;
        }
        return findings.isEmpty() ? DecisionOutcome.ACCEPTED : DecisionOutcome.ACCEPTED_WITH_WARNINGS;
    }

    public boolean accepted() {
        return outcome() != DecisionOutcome.REJECTED;
    }
}
