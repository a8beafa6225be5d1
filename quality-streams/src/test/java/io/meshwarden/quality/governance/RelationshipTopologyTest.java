package io.meshwarden.quality.governance;

import static io.meshwarden.quality.governance.PolicyTopologyTest.rule;
import static io.meshwarden.quality.governance.PolicyTopologyTest.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A relationship to another product's field resolves against the catalog when the referencing product
 * changes, and again whenever the referenced product changes: a later major version that removes the field
 * breaks the dependent, a version that restores it recovers it.
 */
class RelationshipTopologyTest {
    static final String REFERENCED = "paid-media.campaign-performance";
    static final String DEPENDENT = "customer-analytics.attribution";
    static final String RULE = "interop.relationship.campaign_id." + REFERENCED + ".campaign_id";
    private static final PolicySet GLOBAL = set("global", "1.0.0", null,
            rule("interop.relationships", "relationships", Severity.BLOCKING, Map.of()));

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start();
    private final TestInputTopic<String, ContractChange> changes = harness.input(Topics.CONTRACT_CHANGES);
    private final TestInputTopic<String, PolicySet> policies = harness.input(Topics.POLICIES);
    private final TestOutputTopic<String, Decision> decisions = harness.output(Topics.DECISIONS);
    private final TestOutputTopic<String, Violation> violations = harness.output(Topics.VIOLATIONS);

    /** The referenced product at {@code version}, with or without the field the dependent references. */
    static DataProductContract referenced(String version, boolean withCampaignId) {
        DataProductContract contract = Samples.contract(REFERENCED);
        String schema = withCampaignId ? contract.getProductSchema()
                : contract.getProductSchema().replace("{\"name\":\"campaign_id\",\"type\":\"string\"},", "");
        return DataProductContract.newBuilder(contract).setVersion(version).setProductSchema(schema)
                .setFields(contract.getFields().stream().filter(f -> withCampaignId || !f.getName().equals("campaign_id")).toList())
                .build();
    }

    /** The dependent, referencing the referenced product's campaign_id. */
    static DataProductContract dependent(String version) {
        return DataProductContract.newBuilder(Samples.contract(DEPENDENT)).setVersion(version)
                .setProperties(Map.of("interop.references.campaign_id", REFERENCED + ".campaign_id")).build();
    }

    private void publish(DataProductContract contract) {
        changes.pipeInput(contract.getId(), Samples.change(contract));
    }

    private void tick() {
        harness.driver().advanceWallClockTime(ContractGovernanceProcessor.POLICY_CHECK);
    }

    @Test
    void aRelationshipBreaksWhenTheReferencedProductsNextMajorRemovesTheFieldAndRecoversWhenItReturns() {
        policies.pipeInput(GLOBAL.getId(), GLOBAL);
        publish(referenced("1.0.0", true));
        publish(dependent("1.0.0"));
        tick();

        assertThat(decisions.readValuesToList()).extracting(Decision::getProductId, Decision::getOutcome)
                .containsExactly(tuple(REFERENCED, DecisionOutcome.ACCEPTED), tuple(DEPENDENT, DecisionOutcome.ACCEPTED));
        assertThat(violations.readValuesToList()).as("the relationship resolves").isEmpty();

        publish(referenced("2.0.0", false));
        tick();

        List<Violation> broken = violations.readValuesToList();
        assertThat(broken).extracting(Violation::getProductId, Violation::getRuleId, Violation::getStatus, Violation::getSeverity,
                        Violation::getRejectedChange)
                .containsExactly(tuple(DEPENDENT, RULE, ViolationStatus.BREACH, Severity.BLOCKING, false));
        assertThat(broken.get(0).getMessage()).isEqualTo("field 'campaign_id' of " + DEPENDENT + " references " + REFERENCED
                + ".campaign_id, but " + REFERENCED + " 2.0.0 has no field 'campaign_id'");
        assertThat(broken.get(0).getContractVersion()).isEqualTo("1.0.0");
        assertThat(broken.get(0).getViolationId()).isEqualTo(DEPENDENT + "/" + RULE + "/breach/references:" + REFERENCED
                + "@2.0.0:active");

        tick();
        assertThat(violations.readValuesToList()).as("judged once per change of the referenced product").isEmpty();

        publish(referenced("3.0.0", true));
        tick();

        assertThat(violations.readValuesToList()).extracting(Violation::getProductId, Violation::getRuleId, Violation::getStatus)
                .containsExactly(tuple(DEPENDENT, RULE, ViolationStatus.RECOVERY));
    }

    @Test
    void aNewVersionWhoseReferenceDoesNotResolveIsRejected() {
        policies.pipeInput(GLOBAL.getId(), GLOBAL);
        publish(dependent("1.0.0"));
        publish(referenced("1.0.0", false));
        publish(dependent("1.1.0"));

        assertThat(decisions.readValuesToList()).extracting(Decision::getProductId, Decision::getOutcome).containsExactly(
                tuple(DEPENDENT, DecisionOutcome.REJECTED), tuple(REFERENCED, DecisionOutcome.ACCEPTED),
                tuple(DEPENDENT, DecisionOutcome.REJECTED));
        assertThat(violations.readValuesToList()).extracting(Violation::getMessage).containsExactly(
                "field 'campaign_id' of " + DEPENDENT + " references " + REFERENCED + ".campaign_id, but " + REFERENCED
                        + " is not in the catalog",
                "field 'campaign_id' of " + DEPENDENT + " references " + REFERENCED + ".campaign_id, but " + REFERENCED
                        + " 1.0.0 has no field 'campaign_id'");
    }
}
