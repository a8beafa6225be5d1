package io.meshwarden.quality.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.Violation;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class GovernanceTopologyTest {
    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start();
    private final TestInputTopic<String, ContractChange> changes = harness.input(Topics.CONTRACT_CHANGES);
    private final TestOutputTopic<String, Decision> decisions = harness.output(Topics.DECISIONS);
    private final TestOutputTopic<String, Violation> violations = harness.output(Topics.VIOLATIONS);
    private final TestOutputTopic<String, DataProductContract> catalog = harness.output(Topics.CATALOG);

    @Test
    void acceptsACompliantContractIntoTheCatalog() {
        DataProductContract contract = Samples.contract("paid-media.campaign-performance");

        changes.pipeInput(contract.getId(), Samples.change(contract));

        assertThat(decisions.readValue().getOutcome()).isEqualTo(DecisionOutcome.ACCEPTED);
        assertThat(violations.isEmpty()).isTrue();
        assertThat(catalog.readKeyValue()).satisfies(kv -> {
            assertThat(kv.key).isEqualTo("paid-media.campaign-performance");
            assertThat(kv.value).isEqualTo(contract);
        });
    }

    @Test
    void rejectsANonCompliantChangeAndKeepsThePreviousVersionInForce() {
        DataProductContract v1 = Samples.contract("customer-analytics.lifecycle-stage");
        DataProductContract v2 = DataProductContract.newBuilder(v1).setVersion("1.1.0")
                .setClassification(Classification.PUBLIC).build();

        changes.pipeInput(v1.getId(), Samples.change(v1));
        changes.pipeInput(v2.getId(), Samples.change(v2));

        assertThat(decisions.readValuesToList()).extracting(Decision::getOutcome)
                .containsExactly(DecisionOutcome.ACCEPTED, DecisionOutcome.REJECTED);
        assertThat(violations.readValue()).satisfies(v -> {
            assertThat(v.getRuleId()).isEqualTo("classification.pii");
            assertThat(v.getContractVersion()).isEqualTo("1.1.0");
            assertThat(v.getPolicySetId()).isEqualTo("global-builtin");
        });
        assertThat(catalog.readValuesToList()).containsExactly(v1);
        KeyValueStore<String, DataProductContract> store =
                harness.driver().getKeyValueStore(GovernanceTopology.ACCEPTED_CONTRACTS_STORE);
        assertThat(store.get(v1.getId()).getVersion()).isEqualTo("1.0.0");
    }

    @Test
    void decisionListsEveryViolationOfTheChange() {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("paid-media.campaign-performance"))
                .setId("PaidMedia.Campaigns").setClassification(Classification.INTERNAL).build();

        changes.pipeInput(contract.getId(), Samples.change(contract));

        Decision decision = decisions.readValue();
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(decision.getViolations()).extracting(Violation::getRuleId)
                .containsExactlyInAnyOrder("naming.product-id", "classification.pii");
        assertThat(violations.readValuesToList()).hasSize(2);
    }

    @Test
    void routesUndecodableBytesToTheDeadLetterTopicAndKeepsProcessing() {
        byte[] garbage = {0x13, 0x37, (byte) 0xFF, 0x00};
        harness.rawInput(Topics.CONTRACT_CHANGES).pipeInput("paid-media.x".getBytes(StandardCharsets.UTF_8), garbage);
        DataProductContract contract = Samples.contract("email.send-engagement");
        changes.pipeInput(contract.getId(), Samples.change(contract));

        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("paid-media.x");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("undecodable");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.TOPIC_HEADER)).isEqualTo("mesh.products.changes");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.OFFSET_HEADER)).isEqualTo("0");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).contains("first byte 0x13");
        assertThat(decisions.readValue().getProductId()).isEqualTo("email.send-engagement");
    }

    @Test
    void routesAChangeKeyedByAnotherProductToTheDeadLetterTopic() {
        DataProductContract contract = Samples.contract("email.send-engagement");

        changes.pipeInput("email.other-product", Samples.change(contract));

        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("missing-key");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER))
                .contains("'email.send-engagement'").contains("'email.other-product'");
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void acceptsAChangePublishedAsPlainJson() {
        ContractChange change = Samples.change(Samples.contract("content.engagement-metrics"));
        byte[] json = EventCodec.of(ContractChange.class).encode(change, OutputFormat.JSON);

        harness.rawInput(Topics.CONTRACT_CHANGES).pipeInput(change.getProductId().getBytes(StandardCharsets.UTF_8), json);

        assertThat(decisions.readValue().getOutcome()).isEqualTo(DecisionOutcome.ACCEPTED);
    }

    @Test
    void routesJsonThatDoesNotFitTheSchemaToTheDeadLetterTopicNamingTheField() {
        byte[] json = "{\"changeId\": \"c\", \"productId\": \"a.b\", \"publishedAt\": \"yesterday\"}".getBytes(StandardCharsets.UTF_8);

        harness.rawInput(Topics.CONTRACT_CHANGES).pipeInput("a.b".getBytes(StandardCharsets.UTF_8), json);

        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("schema-mismatch");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).contains("'publishedAt'");
    }
}
