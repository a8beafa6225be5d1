package io.meshwarden.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.schemas.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

class GovernanceEngineTest {

    @Test
    void acceptsACompliantContract() {
        Evaluation evaluation = BuiltInPolicies.globalEngine().evaluate(Samples.contract("paid-media.campaign-performance"));

        assertThat(evaluation.outcome()).isEqualTo(DecisionOutcome.ACCEPTED);
        assertThat(evaluation.policySet()).isEqualTo(BuiltInPolicies.GLOBAL);
    }

    @Test
    void rejectsAContractWithABlockingFinding() {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("customer-analytics.lifecycle-stage"))
                .setClassification(Classification.PUBLIC).build();

        Evaluation evaluation = BuiltInPolicies.globalEngine().evaluate(contract);

        assertThat(evaluation.outcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(evaluation.findings()).extracting(Finding::ruleId).containsExactly("classification.pii");
    }

    @Test
    void acceptsWithWarningsWhenOnlyWarningsAreFound() {
        Rule warnAlways = new Rule() {
            public String id() { return "docs.nudge"; }
            public Severity severity() { return Severity.WARNING; }
            public List<Finding> check(DataProductContract c) {
                return List.of(new Finding(id(), ViolationCategory.DOCUMENTATION, Severity.WARNING, "describe more"));
            }
        };

        Evaluation evaluation = new GovernanceEngine(new PolicySetRef("p", "1"), List.of(warnAlways))
                .evaluate(Samples.contract("email.send-engagement"));

        assertThat(evaluation.outcome()).isEqualTo(DecisionOutcome.ACCEPTED_WITH_WARNINGS);
    }

    @Test
    void aRuleThatThrowsBecomesAFindingNamingTheRule() {
        Rule broken = new Rule() {
            public String id() { return "broken.rule"; }
            public Severity severity() { return Severity.BLOCKING; }
            public List<Finding> check(DataProductContract c) { throw new IllegalStateException("boom"); }
        };

        Evaluation evaluation = new GovernanceEngine(new PolicySetRef("p", "1"), List.of(broken))
                .evaluate(Samples.contract("email.send-engagement"));

        assertThat(evaluation.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("broken.rule");
            assertThat(f.category()).isEqualTo(ViolationCategory.POLICY);
            assertThat(f.message()).contains("boom");
        });
    }

    @Test
    void violationsNameThePolicySetTheChangeAndADeterministicId() {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("social.post-reach"))
                .setClassification(Classification.INTERNAL).build();
        Evaluation evaluation = BuiltInPolicies.globalEngine().evaluate(contract);

        List<Violation> violations = Violations.of(evaluation, Samples.change(contract), Samples.T0);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.getViolationId()).isEqualTo("social.post-reach/classification.pii/breach/change-social.post-reach-1.0.0");
            assertThat(v.getPolicySetId()).isEqualTo("global-builtin");
            assertThat(v.getPolicySetVersion()).isEqualTo("1.0.0");
            assertThat(v.getContractVersion()).isEqualTo("1.0.0");
            assertThat(v.getDomain()).isEqualTo("social");
        });
    }
}
