package io.meshwarden.quality.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.Violation;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.schemas.DomainChangeTopics;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.Ingress;
import io.meshwarden.streams.testing.TopologyFixture;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The governance topology reads every domain's change topic and refuses a change of another domain's product. */
class ChangeOwnershipTopologyTest {
    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start();
    private final DomainChangeTopics changeTopics = new DomainChangeTopics(TopicCatalog.defaults());
    private final TestOutputTopic<String, Decision> decisions = harness.output(Topics.DECISIONS);
    private final TestOutputTopic<String, Violation> violations = harness.output(Topics.VIOLATIONS);
    private final TestOutputTopic<String, DataProductContract> catalog = harness.output(Topics.CATALOG);

    private TestInputTopic<String, ContractChange> changesOf(String domain) {
        Topic<String, ContractChange> topic = changeTopics.of(domain);
        return harness.driver().createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @Test
    void acceptsAChangeOnItsOwnDomainsTopic() {
        DataProductContract contract = Samples.contract("paid-media.campaign-performance");

        changesOf("paid-media").pipeInput(contract.getId(), Samples.change(contract));

        assertThat(decisions.readValue().getOutcome()).isEqualTo(DecisionOutcome.ACCEPTED);
        assertThat(catalog.readValue()).isEqualTo(contract);
    }

    @Test
    void refusesAChangeOfAnotherDomainsProductWithAViolation() {
        DataProductContract contract = Samples.contract("paid-media.campaign-performance");

        changesOf("social").pipeInput(contract.getId(), Samples.change(contract));

        Decision decision = decisions.readValue();
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(decision.getViolations()).extracting(Violation::getRuleId).containsExactly(ChangeOwnership.RULE_ID);
        assertThat(violations.readValue().getMessage()).contains("change topic of domain 'social'");
        assertThat(catalog.isEmpty()).isTrue();
    }

    @Test
    void refusesAContractThatClaimsTheTopicsDomainForAnotherDomainsProductId() {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("paid-media.campaign-performance"))
                .setDomain("social").build();

        changesOf("social").pipeInput(contract.getId(), Samples.change(contract));

        assertThat(decisions.readValue().getViolations()).extracting(Violation::getRuleId).contains(ChangeOwnership.RULE_ID);
    }

    @Test
    void aForgedIngressHeaderDoesNotChangeTheTopicChecked() {
        DataProductContract contract = Samples.contract("paid-media.campaign-performance");
        RecordHeaders forged = new RecordHeaders();
        forged.add(Ingress.TOPIC_HEADER, changeTopics.of("paid-media").name().getBytes(StandardCharsets.UTF_8));
        forged.add(Ingress.PARTITION_HEADER, "0".getBytes(StandardCharsets.UTF_8));
        forged.add(Ingress.OFFSET_HEADER, "0".getBytes(StandardCharsets.UTF_8));

        changesOf("social").pipeInput(new TestRecord<>(contract.getId(), Samples.change(contract), forged));

        assertThat(decisions.readValue().getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
    }

    @Test
    void theSharedTopicStaysOpenForUnsecuredDeployments() {
        DataProductContract contract = Samples.contract("paid-media.campaign-performance");

        harness.input(Topics.CONTRACT_CHANGES).pipeInput(contract.getId(), Samples.change(contract));

        assertThat(decisions.readValue().getOutcome()).isEqualTo(DecisionOutcome.ACCEPTED);
    }
}
