package io.meshwarden.quality.governance;

import static io.meshwarden.quality.governance.PolicyTopologyTest.rule;
import static io.meshwarden.quality.governance.PolicyTopologyTest.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.GroupReader;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.RetirementOverride;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.avro.Violation;
import io.meshwarden.governance.lifecycle.Deprecation;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Governance of the deprecation lifecycle in the running topology: the notice period, the superseded major, overrides. */
class DeprecationLifecycleTopologyTest {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final String LOADER = "customer-analytics.attribution-loader";
    private static final PolicySet GLOBAL = set("global", "1.0.0", null,
            rule("lifecycle.end-of-life", "lifecycle", Severity.BLOCKING, Map.of()),
            rule("lifecycle.deprecation-notice", "deprecation-notice", Severity.BLOCKING, Map.of("minimumDays", "30")));

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start();
    private final TestInputTopic<String, ContractChange> changes = harness.input(Topics.CONTRACT_CHANGES);
    private final TestInputTopic<String, TopicReaders> readers = harness.input(Topics.READERS);
    private final TestOutputTopic<String, Decision> decisions = harness.output(Topics.DECISIONS);
    private final TestOutputTopic<String, Violation> violations = harness.output(Topics.VIOLATIONS);
    private final TestOutputTopic<String, DataProductContract> catalog = harness.output(Topics.CATALOG);

    @BeforeEach
    void v1InForce() {
        harness.input(Topics.POLICIES).pipeInput(GLOBAL.getId(), GLOBAL);
        changes.pipeInput(PRODUCT, Samples.change(Samples.contract(PRODUCT)));
        assertThat(decisions.readValue().getOutcome()).isEqualTo(DecisionOutcome.ACCEPTED);
        catalog.readValuesToList();
        violations.readValuesToList();
    }

    @Test
    void refusesANewMajorThatGivesThePreviousMajorLessThanTheMinimumNotice() {
        // The harness's wall clock starts on 2026-11-25: ten days is too little.
        changes.pipeInput(PRODUCT, Samples.change(v2("2026-12-05")));

        Decision decision = decisions.readValue();
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(decision.getViolations()).singleElement().satisfies(v -> {
            assertThat(v.getRuleId()).isEqualTo("lifecycle.deprecation-notice");
            assertThat(v.getMessage()).contains("2026-12-05").contains("10 days after 2026-11-25").contains("minimum notice is 30 days")
                    .contains("2026-12-25 or later");
        });
        assertThat(catalog.isEmpty()).as("the previous version stays in force, nothing superseded").isTrue();
    }

    @Test
    void aNewMajorKeepsThePreviousMajorInTheCatalogDeprecatedUntilTheAnnouncedSunset() {
        changes.pipeInput(PRODUCT, Samples.change(v2("2027-01-15")));

        assertThat(decisions.readValue().getOutcome()).isEqualTo(DecisionOutcome.ACCEPTED);
        List<KeyValue<String, DataProductContract>> records = catalog.readKeyValuesToList();
        assertThat(records).extracting(kv -> kv.key).containsExactly(PRODUCT, PRODUCT + "@v1");
        assertThat(records.get(0).value.getVersion()).isEqualTo("2.0.0");
        DataProductContract v1 = records.get(1).value;
        assertThat(v1.getId()).isEqualTo(PRODUCT + "@v1");
        assertThat(v1.getVersion()).isEqualTo("1.0.0");
        assertThat(v1.getStatus()).isEqualTo(ProductStatus.DEPRECATED);
        assertThat(v1.getSunsetDate()).isEqualTo("2027-01-15");
        assertThat(v1.getSuccessor()).isEqualTo(PRODUCT);
        assertThat(v1.getOutputPorts()).extracting(OutputPort::getTopic).containsExactly(PRODUCT + ".v1");
        assertThat(v1.getGuarantees()).as("still monitored against its own guarantees").isEqualTo(Samples.contract(PRODUCT).getGuarantees());
    }

    @Test
    void bothMajorsAreMonitoredAgainstTheirGuarantees() {
        changes.pipeInput(PRODUCT, Samples.change(v2("2027-01-15")));
        violations.readValuesToList();

        // Neither major's pipeline reports: both go stale after their one-hour freshness guarantee.
        harness.driver().advanceWallClockTime(java.time.Duration.ofMinutes(70));

        assertThat(violations.readValuesToList()).filteredOn(v -> v.getRuleId().equals("freshness"))
                .extracting(Violation::getProductId).containsExactlyInAnyOrder(PRODUCT, PRODUCT + "@v1");
    }

    @Test
    void refusesADeprecationWithTooShortANotice() {
        DataProductContract deprecated = DataProductContract.newBuilder(Samples.contract(PRODUCT)).setVersion("1.1.0")
                .setStatus(ProductStatus.DEPRECATED).setSunsetDate("2026-12-01").setSuccessor("paid-media.campaign-insights").build();

        changes.pipeInput(PRODUCT, Samples.change(deprecated));

        Decision decision = decisions.readValue();
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(decision.getViolations()).extracting(Violation::getRuleId).containsExactly("lifecycle.deprecation-notice");
    }

    @Test
    void refusesRetiringWhileAConsumerGroupReadsAndRecordsTheOverrideThatRetiresItAnyway() {
        readers.pipeInput(PRODUCT + ".v1", new TopicReaders(PRODUCT + ".v1",
                List.of(new GroupReader(LOADER, 12L, "customer-analytics-team", "steward@customer-analytics.example", null)), List.of(),
                TopologyHarness.START));
        DataProductContract retired = DataProductContract.newBuilder(Samples.contract(PRODUCT)).setVersion("1.1.0")
                .setStatus(ProductStatus.RETIRED).build();

        changes.pipeInput(PRODUCT, Samples.change(retired));
        Decision refused = decisions.readValue();
        assertThat(refused.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(refused.getViolations()).singleElement().extracting(Violation::getMessage).asString()
                .contains("cannot retire while consumer groups read its topics: [" + LOADER + "]")
                .contains(Deprecation.OVERRIDE_REASON);
        assertThat(refused.getRetirementOverride()).isNull();

        DataProductContract overridden = withProperty(DataProductContract.newBuilder(retired).setVersion("1.1.1").build(),
                Deprecation.OVERRIDE_REASON, "the loader moved to v2 on 2026-11-20; its offsets are leftovers");
        changes.pipeInput(PRODUCT, ContractChange.newBuilder(Samples.change(overridden)).setPublishedBy("ana@paid-media.example").build());

        Decision decision = decisions.readValue();
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.ACCEPTED);
        assertThat(decision.getRetirementOverride()).isEqualTo(new RetirementOverride(
                "the loader moved to v2 on 2026-11-20; its offsets are leftovers", "ana@paid-media.example", List.of(LOADER)));
    }

    @Test
    void retiresTheSupersededMajorByAChangeOfItsOwnVersionOverItsReadersOnlyWithAReason() {
        DataProductContract downstream = DataProductContract.newBuilder(Samples.contract("customer-analytics.attribution"))
                .setUpstreamProducts(List.of(PRODUCT)).build();
        changes.pipeInput(downstream.getId(), Samples.change(downstream));
        changes.pipeInput(PRODUCT, Samples.change(v2("2027-01-15")));
        readers.pipeInput(PRODUCT + ".v1", new TopicReaders(PRODUCT + ".v1",
                List.of(new GroupReader(LOADER, 3L, "customer-analytics-team", null, "customer-analytics.attribution")), List.of(),
                TopologyHarness.START));
        decisions.readValuesToList();
        catalog.readValuesToList();
        violations.readValuesToList();
        DataProductContract v1 = Samples.contract(PRODUCT);

        changes.pipeInput(PRODUCT, Samples.change(DataProductContract.newBuilder(v1).setVersion("1.0.1").build()));
        Decision notRetiring = decisions.readValue();
        assertThat(notRetiring.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(notRetiring.getViolations()).extracting(Violation::getRuleId).containsExactly("lifecycle.superseded-major");

        DataProductContract retired = DataProductContract.newBuilder(v1).setVersion("1.0.1").setStatus(ProductStatus.RETIRED).build();
        changes.pipeInput(PRODUCT, Samples.change(retired));
        Decision overReaders = decisions.readValue();
        assertThat(overReaders.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(overReaders.getViolations()).singleElement().extracting(Violation::getMessage).asString()
                .as("the downstream product reads the product's newer major: only the group holds the retirement back")
                .contains("consumer groups read its topics: [" + LOADER + "]").doesNotContain("active products");

        assertThat(violations.readValuesToList()).as("refusals are feedback to the publisher").hasSize(2)
                .allSatisfy(v -> assertThat(v.getRejectedChange()).isTrue());

        changes.pipeInput(PRODUCT, ContractChange.newBuilder(Samples.change(withProperty(retired, Deprecation.OVERRIDE_REASON,
                "sunset passed; the loader was told three times"))).setPublishedBy("ana@paid-media.example").build());
        Decision decision = decisions.readValue();
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.ACCEPTED);
        assertThat(decision.getContractVersion()).isEqualTo("1.0.1");
        assertThat(decision.getRetirementOverride().getConsumerGroups()).containsExactly(LOADER);
        assertThat(decision.getRetirementOverride().getOverriddenBy()).isEqualTo("ana@paid-media.example");
        List<KeyValue<String, DataProductContract>> records = catalog.readKeyValuesToList();
        assertThat(records).extracting(kv -> kv.key).containsExactly(PRODUCT + "@v1");
        assertThat(records.get(0).value.getStatus()).isEqualTo(ProductStatus.RETIRED);
        assertThat(records.get(0).value.getId()).isEqualTo(PRODUCT + "@v1");
        assertThat(harness.<DataProductContract>store(GovernanceTopology.ACCEPTED_CONTRACTS_STORE).get(PRODUCT).getVersion())
                .as("the version in force is untouched").isEqualTo("2.0.0");
        assertThat(violations.readValuesToList()).as("an accepted change of the old major leaves the breaches in force alone").isEmpty();
    }

    private static DataProductContract v2(String previousMajorSunset) {
        DataProductContract v2 = DataProductContract.newBuilder(Samples.contract(PRODUCT)).setVersion("2.0.0")
                .setOutputPorts(List.of(new OutputPort("stream", PRODUCT + ".v2", "avro", null))).build();
        return withProperty(v2, Deprecation.PREVIOUS_MAJOR_SUNSET, previousMajorSunset);
    }

    private static DataProductContract withProperty(DataProductContract contract, String key, String value) {
        Map<String, String> properties = new HashMap<>(contract.getProperties());
        properties.put(key, value);
        return DataProductContract.newBuilder(contract).setProperties(properties).build();
    }
}
