package io.meshwarden.quality.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Policy sets arriving on the policy topic change governance in the running topology. */
class PolicyTopologyTest {
    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start();
    private final TestInputTopic<String, ContractChange> changes = harness.input(Topics.CONTRACT_CHANGES);
    private final TestInputTopic<String, PolicySet> policies = harness.input(Topics.POLICIES);
    private final TestOutputTopic<String, Decision> decisions = harness.output(Topics.DECISIONS);
    private final TestOutputTopic<String, Violation> violations = harness.output(Topics.VIOLATIONS);

    static PolicyRule rule(String id, String kind, Severity severity, Map<String, String> parameters) {
        return PolicyRule.newBuilder().setId(id).setKind(kind).setSeverity(severity).setParameters(parameters).build();
    }

    static PolicySet set(String id, String version, String domain, PolicyRule... rules) {
        return PolicySet.newBuilder().setId(id).setVersion(version)
                .setScope(domain == null ? PolicyScope.GLOBAL : PolicyScope.DOMAIN).setDomain(domain)
                .setRules(List.of(rules)).setPublishedAt(Instant.parse("2026-11-25T08:00:00Z")).build();
    }

    static final PolicySet GLOBAL = set("global", "1.0.0", null,
            rule("classification.pii", "pii-classification", Severity.BLOCKING, Map.of("minimum", "confidential")));

    @Test
    void aDomainSetTightensTheNextDecisionWithoutRestart() {
        DataProductContract confidential = Samples.contract("customer-analytics.lifecycle-stage");
        policies.pipeInput(GLOBAL.getId(), GLOBAL);
        changes.pipeInput(confidential.getId(), Samples.change(confidential));

        PolicySet strict = set("customer-analytics", "1.0.0", "customer-analytics",
                rule("classification.pii", "pii-classification", Severity.BLOCKING, Map.of("minimum", "restricted")));
        policies.pipeInput(strict.getId(), strict);
        DataProductContract next = DataProductContract.newBuilder(confidential).setVersion("1.0.1").build();
        changes.pipeInput(next.getId(), Samples.change(next));

        List<Decision> both = decisions.readValuesToList();
        assertThat(both).extracting(Decision::getOutcome).containsExactly(DecisionOutcome.ACCEPTED, DecisionOutcome.REJECTED);
        assertThat(both.get(0).getPolicySets()).containsExactly("global@1.0.0");
        assertThat(both.get(1).getPolicySets()).containsExactly("global@1.0.0", "customer-analytics@1.0.0");
        assertThat(violations.readValue()).satisfies(v -> {
            assertThat(v.getRuleId()).isEqualTo("classification.pii");
            assertThat(v.getPolicySetId()).isEqualTo("customer-analytics");
            assertThat(v.getPolicySetVersion()).isEqualTo("1.0.0");
        });
    }

    @Test
    void refusesALooserDomainSetNamingBothRulesAndKeepsThePreviousSet() {
        policies.pipeInput(GLOBAL.getId(), GLOBAL);
        PolicySet loose = set("email", "1.0.0", "email",
                rule("classification.pii", "pii-classification", Severity.WARNING, Map.of("minimum", "internal")));
        policies.pipeInput(loose.getId(), loose);
        DataProductContract leaky = DataProductContract.newBuilder(Samples.contract("email.send-engagement"))
                .setClassification(Classification.INTERNAL).build();
        changes.pipeInput(leaky.getId(), Samples.change(leaky));

        List<Violation> all = violations.readValuesToList();
        assertThat(all.get(0)).satisfies(v -> {
            assertThat(v.getCategory()).isEqualTo(ViolationCategory.POLICY);
            assertThat(v.getProductId()).isEqualTo("policy:email");
            assertThat(v.getDomain()).isEqualTo("email");
            assertThat(v.getMessage()).contains("domain rule 'classification.pii' of email@1.0.0")
                    .contains("global rule 'classification.pii' of global@1.0.0").contains("severity");
        });
        Decision decision = decisions.readValue();
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(decision.getPolicySets()).containsExactly("global@1.0.0");
    }

    @Test
    void refusesAPolicySetWhoseCelRuleDoesNotCompile() {
        PolicySet broken = set("global", "1.0.0", null, PolicyRule.newBuilder(
                rule("cel.broken", "cel", Severity.BLOCKING, Map.of())).setExpression("contract.fields.size( >").build());
        policies.pipeInput(broken.getId(), broken);

        assertThat(violations.readValue().getMessage()).contains("cel.broken").contains("does not compile");
    }

    @Test
    void blocksRetiringAProductThatAnActiveProductConsumes() {
        DataProductContract upstream = Samples.contract("paid-media.ad-spend-pacing");
        DataProductContract consumer = DataProductContract.newBuilder(Samples.contract("paid-media.campaign-performance"))
                .setUpstreamProducts(List.of(upstream.getId())).build();
        changes.pipeInput(upstream.getId(), Samples.change(upstream));
        changes.pipeInput(consumer.getId(), Samples.change(consumer));
        PolicySet lifecycle = set("global", "1.0.0", null, rule("lifecycle.end-of-life", "lifecycle", Severity.BLOCKING, Map.of()));
        policies.pipeInput(lifecycle.getId(), lifecycle);
        DataProductContract retired = DataProductContract.newBuilder(upstream).setVersion("1.1.0")
                .setStatus(ProductStatus.RETIRED).build();
        changes.pipeInput(retired.getId(), Samples.change(retired));

        assertThat(decisions.readValuesToList()).extracting(Decision::getOutcome)
                .containsExactly(DecisionOutcome.ACCEPTED, DecisionOutcome.ACCEPTED, DecisionOutcome.REJECTED);
        assertThat(violations.readValue().getMessage()).contains("cannot retire").contains("paid-media.campaign-performance");
    }
}
