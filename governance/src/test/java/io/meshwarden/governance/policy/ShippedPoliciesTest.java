package io.meshwarden.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Verdict;
import io.meshwarden.governance.contract.ContractYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The policy sets in policies/ and the demo contracts, judged offline as `meshwarden validate` judges them. */
public class ShippedPoliciesTest {
    static final Path POLICIES = Path.of("../policies");
    static final Path DEMO_CONTRACTS = Path.of("../mesh-local/src/main/resources/demo/contracts");

    public static PolicyLayers shippedLayers() {
        PolicyLayers layers = PolicyLayers.builtIn();
        for (PolicySet set : PolicySetYaml.readDirectory(POLICIES).stream().map(PolicySetYaml.PolicyFile::set).toList()) {
            Admission admission = layers.admit(set);
            assertThat(admission).as("admission of %s", set.getId()).isInstanceOf(Admission.Accepted.class);
            layers = ((Admission.Accepted) admission).layers();
        }
        return layers;
    }

    @Test
    void shipsAGlobalSetAndTheDomainSetsOfPaidMediaAndCustomerAnalytics() {
        assertThat(shippedLayers().sets()).extracting(PolicySet::getId)
                .containsExactly("global", "customer-analytics", "paid-media");
    }

    @Test
    void acceptsSevenDemoProductsAndRejectsTheTwoNonCompliantOnes() throws IOException {
        String nearMiss = "customer-analytics.attribution";
        PolicyLayers layers = shippedLayers();
        Map<String, Verdict> verdicts = new TreeMap<>();
        try (Stream<Path> files = Files.list(DEMO_CONTRACTS)) {
            files.filter(f -> f.toString().endsWith(".yaml")).forEach(file -> {
                DataProductContract contract = ContractYaml.read(file);
                verdicts.put(contract.getId(), layers.evaluate(ContractContext.of(contract)));
            });
        }

        assertThat(verdicts).hasSize(9);
        verdicts.forEach((id, verdict) -> {
            if (!id.equals("customer-analytics.lifecycle-stage") && !id.equals("social.InfluencerMentions") && !id.equals(nearMiss)) {
                assertThat(verdict.outcome()).as("%s: %s", id, verdict.findings()).isEqualTo(DecisionOutcome.ACCEPTED);
            }
        });
        assertThat(verdicts.get("customer-analytics.lifecycle-stage").findings()).extracting(Finding::ruleId)
                .containsExactly("classification.pii");
        // The demo's one shared-dimension warning: currency_code looks like the shared dimension currency.
        assertThat(verdicts.get(nearMiss).outcome()).isEqualTo(DecisionOutcome.ACCEPTED_WITH_WARNINGS);
        assertThat(verdicts.get(nearMiss).findings()).extracting(Finding::ruleId)
                .containsExactly("interop.currency.near-miss.currency_code");
        assertThat(verdicts.get("customer-analytics.lifecycle-stage").policySets())
                .containsExactly("global@1.1.0", "customer-analytics@1.0.0");
        assertThat(verdicts.get("social.InfluencerMentions").findings()).filteredOn(Finding::blocking).extracting(Finding::ruleId)
                .contains("naming.product-id", "metadata.ownership");
        List<String> paidMediaSets = verdicts.get("paid-media.campaign-performance").policySets();
        assertThat(paidMediaSets).containsExactly("global@1.1.0", "paid-media@1.0.0");
    }
}
