package io.meshwarden.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A new version of the global set that removes or loosens a rule in force is held for approval,
 * never admitted by publication alone; one that only adds or tightens rules is admitted directly.
 */
class GlobalLooseningTest {
    private static final PolicyLayers SHIPPED = ShippedPoliciesTest.shippedLayers();
    private static final PolicySet GLOBAL = SHIPPED.global();

    private static PolicySet next(List<PolicyRule> rules) {
        return PolicySet.newBuilder(GLOBAL).setVersion("9.0.0").setRules(rules).build();
    }

    @Test
    void theShippedSetsAreAdmittedWithoutApproval() {
        assertThat(GLOBAL.getId()).isEqualTo("global");
    }

    @Test
    void holdsAnEmptyGlobalSetNamingEveryRuleItRemoves() {
        Admission admission = SHIPPED.admit(next(List.of()));

        assertThat(admission).isInstanceOf(Admission.Held.class);
        List<String> loosenings = ((Admission.Held) admission).loosenings();
        assertThat(loosenings).hasSize(GLOBAL.getRules().size())
                .allSatisfy(l -> assertThat(l).endsWith("removed by global@9.0.0"));
        assertThat(SHIPPED.admitApproved(next(List.of()))).isInstanceOf(Admission.Accepted.class);
    }

    @Test
    void holdsALoweredSeverityAndAChangedCelExpression() {
        List<PolicyRule> rules = new ArrayList<>();
        for (PolicyRule rule : GLOBAL.getRules()) {
            PolicyRule.Builder changed = PolicyRule.newBuilder(rule);
            if (rule.getSeverity() == Severity.BLOCKING) {
                changed.setSeverity(Severity.WARNING);
            }
            if (rule.getExpression() != null) {
                changed.setExpression("true");
            }
            rules.add(changed.build());
        }

        Admission admission = SHIPPED.admit(next(rules));

        assertThat(admission).isInstanceOf(Admission.Held.class);
        assertThat(((Admission.Held) admission).loosenings()).anySatisfy(l -> assertThat(l).contains("lowers severity blocking to warning"))
                .anySatisfy(l -> assertThat(l).contains("changes the CEL expression"));
    }

    @Test
    void admitsDirectlyASetThatOnlyAddsOrTightensRules() {
        List<PolicyRule> rules = new ArrayList<>(GLOBAL.getRules());
        rules.add(PolicyRule.newBuilder().setId("extra.description").setKind("cel").setSeverity(Severity.WARNING)
                .setParameters(new HashMap<>()).setExpression("contract.description != ''").build());

        assertThat(SHIPPED.admit(next(rules))).isInstanceOf(Admission.Accepted.class);
        assertThat(SHIPPED.admit(next(List.copyOf(GLOBAL.getRules())))).as("same rules, new version").isInstanceOf(Admission.Accepted.class);
    }
}
