package io.meshwarden.governance;

import io.meshwarden.avro.DecisionOutcome;
import java.util.List;

/** The result of evaluating one contract against one policy set. */
public record Evaluation(PolicySetRef policySet, List<Finding> findings) {

    public Evaluation {
        findings = List.copyOf(findings);
    }

    public DecisionOutcome outcome() {
        return Verdict.outcomeOf(findings);
    }

    public boolean accepted() {
        return outcome() != DecisionOutcome.REJECTED;
    }
}
