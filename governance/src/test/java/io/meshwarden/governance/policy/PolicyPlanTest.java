package io.meshwarden.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.schemas.Samples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dry run names the products whose verdict a proposed set changes, with the findings that newly fail them. */
class PolicyPlanTest {
    private static final PolicyLayers SHIPPED = ShippedPoliciesTest.shippedLayers();
    private static final DataProductContract DESCRIBED = Samples.contract("email.send-engagement");
    private static final DataProductContract TERSE = DataProductContract.newBuilder(Samples.contract("social.post-reach"))
            .setDescription("short").build();

    @Test
    void namesTheProductsATighteningNewlyFailsAndThoseALooseningLetsPass() {
        List<PolicyRule> rules = new ArrayList<>(SHIPPED.global().getRules());
        rules.add(PolicyRule.newBuilder().setId("description.long").setKind("cel").setSeverity(Severity.BLOCKING)
                .setParameters(new HashMap<>()).setExpression("size(contract.description) >= 20").build());
        PolicySet tighter = PolicySet.newBuilder(SHIPPED.global()).setVersion("9.0.0").setRules(rules).build();
        assertThat(SHIPPED.evaluate(io.meshwarden.governance.ContractContext.of(DESCRIBED)).accepted()).isTrue();
        assertThat(SHIPPED.evaluate(io.meshwarden.governance.ContractContext.of(TERSE)).accepted()).isTrue();

        PolicyLayers proposed = PolicyPlan.withProposed(SHIPPED, List.of(tighter));
        List<PolicyPlan.Change> tightening = PolicyPlan.of(SHIPPED, proposed, List.of(TERSE, DESCRIBED));
        List<PolicyPlan.Change> loosening = PolicyPlan.of(proposed, SHIPPED, List.of(TERSE, DESCRIBED));

        assertThat(tightening).singleElement().satisfies(change -> {
            assertThat(change.contract().getId()).isEqualTo("social.post-reach");
            assertThat(change.newlyPasses()).isFalse();
            assertThat(change.newFindings()).extracting(f -> f.ruleId()).containsExactly("description.long");
        });
        assertThat(loosening).singleElement().satisfies(change -> {
            assertThat(change.contract().getId()).isEqualTo("social.post-reach");
            assertThat(change.newlyPasses()).isTrue();
        });
    }

    @Test
    void namesTheAcceptedProductsANewWarningRuleWouldWarn() {
        List<PolicyRule> rules = new ArrayList<>(SHIPPED.global().getRules());
        rules.add(PolicyRule.newBuilder().setId("description.long").setKind("cel").setSeverity(Severity.WARNING)
                .setParameters(new HashMap<>()).setExpression("size(contract.description) >= 20").build());
        PolicySet warning = PolicySet.newBuilder(SHIPPED.global()).setVersion("9.0.0").setRules(rules).build();

        List<PolicyPlan.Change> changes = PolicyPlan.of(SHIPPED, PolicyPlan.withProposed(SHIPPED, List.of(warning)),
                List.of(TERSE, DESCRIBED));

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.contract().getId()).isEqualTo("social.post-reach");
            assertThat(change.effect()).isEqualTo(PolicyPlan.Effect.NEWLY_WARNS);
            assertThat(change.newFindings()).extracting(f -> f.ruleId()).containsExactly("description.long");
        });
    }
}
