package io.meshwarden.governance;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ViolationCategory;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates contracts against one policy set's rules. A rule that throws yields a finding naming
 * the rule instead of failing the evaluation: one broken rule never stops governance.
 */
public final class GovernanceEngine {
    private final PolicySetRef policySet;
    private final List<Rule> rules;

    public GovernanceEngine(PolicySetRef policySet, List<Rule> rules) {
        this.policySet = policySet;
        this.rules = List.copyOf(rules);
    }

    public PolicySetRef policySet() {
        return policySet;
    }

    public List<Rule> rules() {
        return rules;
    }

    public Evaluation evaluate(DataProductContract contract) {
        return evaluate(ContractContext.of(contract));
    }

    public Evaluation evaluate(ContractContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules) {
            try {
                findings.addAll(rule.check(context));
            } catch (RuntimeException e) {
                findings.add(new Finding(rule.id(), ViolationCategory.POLICY, rule.severity(),
                        "rule " + rule.id() + " could not be evaluated: " + e));
            }
        }
        return new Evaluation(policySet, findings);
    }
}
