package io.meshwarden.quality.governance;

import static io.meshwarden.quality.governance.PolicyTopologyTest.rule;
import static io.meshwarden.quality.governance.PolicyTopologyTest.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy-as-code on a real broker: hot reload, refusal of a looser domain set, and the contract diff. */
@EmbeddedKafka
class PolicyGovernanceIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final PolicySet GLOBAL = set("global", "1.0.0", null,
            rule("classification.pii", "pii-classification", Severity.BLOCKING, Map.of("minimum", "confidential")),
            rule("compatibility.breaking-change", "compatibility", Severity.BLOCKING, Map.of()),
            rule("versioning.semver", "versioning", Severity.BLOCKING, Map.of()));

    private MeshwardenConfig config;
    private TopicCatalog topics;
    private QualityStreams app;
    private KafkaProducer<byte[], byte[]> producer;
    private TopicTail tail;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        config = ItConfig.freshRun(broker, stateDir, "policy");
        topics = config.topics();
        app = QualityStreams.start(config);
        producer = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
        tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.DECISIONS), topics.name(Topics.VIOLATIONS),
                topics.name(Topics.POLICIES_IN_FORCE));
    }

    @AfterEach
    void stop() {
        tail.close();
        producer.close();
        app.close();
    }

    @Test
    void aPolicySetUpdateChangesTheNextDecisionWithoutRestart() {
        publishPolicy(GLOBAL);
        awaitInForce(1);
        DataProductContract contract = Samples.contract("customer-analytics.lifecycle-stage");
        publishChange(contract);
        assertThat(awaitDecisions(1).get(0).getOutcome()).isEqualTo(DecisionOutcome.ACCEPTED);

        // A tightening (the same rules, pii raised to restricted) takes effect at once; one that removed
        // a rule would be held for stewards' approval (PolicyProposalTopologyTest).
        publishPolicy(set("global", "1.1.0", null,
                rule("classification.pii", "pii-classification", Severity.BLOCKING, Map.of("minimum", "restricted")),
                rule("compatibility.breaking-change", "compatibility", Severity.BLOCKING, Map.of()),
                rule("versioning.semver", "versioning", Severity.BLOCKING, Map.of())));
        awaitInForce(2);
        publishChange(DataProductContract.newBuilder(contract).setVersion("1.0.1").build());

        Decision next = awaitDecisions(2).get(1);
        assertThat(next.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(next.getPolicySets()).containsExactly("global@1.1.0");
        assertThat(next.getViolations()).singleElement().satisfies(v -> {
            assertThat(v.getRuleId()).isEqualTo("classification.pii");
            assertThat(v.getPolicySetVersion()).isEqualTo("1.1.0");
        });
        assertThat(app.state().isRunningOrRebalancing()).isTrue();
    }

    @Test
    void aContradictoryDomainSetIsRefusedAndTheOldOneStaysInForce() {
        publishPolicy(GLOBAL);
        PolicySet strict = set("customer-analytics", "1.0.0", "customer-analytics",
                rule("classification.pii", "pii-classification", Severity.BLOCKING, Map.of("minimum", "restricted")));
        publishPolicy(strict);
        awaitInForce(2);
        publishPolicy(set("customer-analytics", "1.1.0", "customer-analytics",
                rule("classification.pii", "ownership", Severity.BLOCKING, Map.of())));

        await().atMost(WAIT).until(() -> !violations().isEmpty());
        Violation refusal = violations().get(0);
        assertThat(refusal.getCategory()).isEqualTo(ViolationCategory.POLICY);
        assertThat(refusal.getProductId()).isEqualTo("policy:customer-analytics");
        assertThat(refusal.getMessage()).contains("domain rule 'classification.pii' of customer-analytics@1.1.0")
                .contains("global rule 'classification.pii' of global@1.0.0");

        publishChange(Samples.contract("customer-analytics.lifecycle-stage"));
        Decision decision = awaitDecisions(1).get(0);
        assertThat(decision.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
        assertThat(decision.getPolicySets()).containsExactly("global@1.0.0", "customer-analytics@1.0.0");
        assertThat(decision.getViolations()).extracting(Violation::getPolicySetId).containsExactly("customer-analytics");
    }

    @Test
    void anIncompatibleSchemaIsRejectedInAMinorVersionAndAcceptedInAMajorOne() {
        publishPolicy(GLOBAL);
        awaitInForce(1);
        DataProductContract v1 = Samples.contract("paid-media.campaign-performance");
        String incompatible = v1.getProductSchema().replace("{\"name\":\"clicks\",\"type\":\"long\"}",
                "{\"name\":\"clicks\",\"type\":\"string\"}");
        assertThat(incompatible).isNotEqualTo(v1.getProductSchema());
        publishChange(v1);
        publishChange(DataProductContract.newBuilder(v1).setVersion("1.1.0").setProductSchema(incompatible).build());
        publishChange(DataProductContract.newBuilder(v1).setVersion("2.0.0").setProductSchema(incompatible).build());

        List<Decision> decisions = awaitDecisions(3);
        assertThat(decisions).extracting(Decision::getContractVersion, Decision::getOutcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1.0.0", DecisionOutcome.ACCEPTED),
                org.assertj.core.groups.Tuple.tuple("1.1.0", DecisionOutcome.REJECTED),
                org.assertj.core.groups.Tuple.tuple("2.0.0", DecisionOutcome.ACCEPTED));
        assertThat(decisions.get(1).getViolations()).singleElement().satisfies(v -> {
            assertThat(v.getRuleId()).isEqualTo("compatibility.breaking-change");
            assertThat(v.getMessage()).contains("clicks").contains("without a major version bump");
        });
    }

    private void publishPolicy(PolicySet set) {
        send(Topics.POLICIES, set.getId(), EventCodec.of(PolicySet.class).encode(set, OutputFormat.AVRO));
    }

    private void publishChange(DataProductContract contract) {
        ContractChange change = Samples.change(contract);
        send(Topics.CONTRACT_CHANGES, contract.getId(), EventCodec.of(ContractChange.class).encode(change, OutputFormat.JSON));
    }

    private void send(TopicSpec<?, ?> topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topics.name(topic), key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }

    /** Waits until the topology has admitted this many policy sets (the in-force topic is what every instance reads). */
    /** Until {@code count} sets are in force on the topic and this instance's global store holds the newest. */
    private void awaitInForce(int count) {
        await().atMost(WAIT).until(() -> tail.poll(topics.name(Topics.POLICIES_IN_FORCE)).size() >= count);
        List<PolicySet> published = decode(Topics.POLICIES_IN_FORCE, PolicySet.class);
        PolicySet newest = published.get(published.size() - 1);
        await().atMost(WAIT).until(() -> app.policySetsInForce().contains(newest.getId() + "@" + newest.getVersion()));
    }

    private List<Decision> awaitDecisions(int count) {
        await().atMost(WAIT).until(() -> tail.poll(topics.name(Topics.DECISIONS)).size() >= count);
        return decode(Topics.DECISIONS, Decision.class);
    }

    private List<Violation> violations() {
        return decode(Topics.VIOLATIONS, Violation.class);
    }

    private <T extends SpecificRecord> List<T> decode(TopicSpec<?, ?> topic, Class<T> type) {
        return tail.poll(topics.name(topic)).stream().map(r -> EventCodec.of(type).decode(r.value())).toList();
    }
}
