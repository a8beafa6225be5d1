package io.meshwarden.quality.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.quality.rolling.QualityFixtures;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract changes and policy sets that break a semantic rule are dead-lettered by the decode step
 * with the rule's reason, naming the field: no decision, no catalog entry, no admission.
 */
class GovernanceChecksTopologyTest {
    private static final String PRODUCT = "paid-media.campaign-performance";

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start();
    private final TestInputTopic<String, ContractChange> changes = harness.input(Topics.CONTRACT_CHANGES);
    private final TestOutputTopic<String, Decision> decisions = harness.output(Topics.DECISIONS);
    private final TestOutputTopic<String, DataProductContract> catalog = harness.output(Topics.CATALOG);
    private final TestOutputTopic<String, Violation> violations = harness.output(Topics.VIOLATIONS);

    static Stream<Arguments> brokenContracts() {
        return Stream.of(
                broken("invalid-version", "contract.version", c -> c.setVersion("1.0")),
                broken("invalid-duration", "contract.guarantees.freshnessMaxAgeMs", c -> guarantees(c, 0L, 99.5, 60_000L)),
                broken("invalid-duration", "contract.guarantees.windowMs", c -> guarantees(c, 60_000L, 99.5, -1L)),
                broken("invalid-duration", "contract.retentionMs", c -> c.setRetentionMs(0L)),
                broken("percent-out-of-range", "contract.guarantees.completenessPercent", c -> guarantees(c, 60_000L, 150.0, 60_000L)),
                broken("percent-out-of-range", "contract.guarantees.completenessPercent", c -> guarantees(c, 60_000L, -0.5, 60_000L)),
                broken("string-out-of-bounds", "contract.name", c -> c.setName("n".repeat(1_025))),
                broken("string-out-of-bounds", "contract.tags[0]", c -> c.setTags(java.util.List.of(""))),
                broken("invalid-setting", "contract.properties.anomaly.sensitivity",
                        c -> c.setProperties(java.util.Map.of("anomaly.sensitivity", "very"))),
                broken("invalid-setting", "contract.properties.anomaly.maintenance",
                        c -> c.setProperties(java.util.Map.of("anomaly.maintenance", "weekends"))));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("brokenContracts")
    void deadLettersAContractChangeThatBreaksARule(String reason, String field, Consumer<DataProductContract> breakIt) {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract(PRODUCT)).build();
        breakIt.accept(contract);

        changes.pipeInput(PRODUCT, Samples.change(contract));

        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo(reason);
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).startsWith(field + ": ");
        assertThat(decisions.isEmpty()).isTrue();
        assertThat(catalog.isEmpty()).isTrue();
        assertThat(harness.store(GovernanceTopology.ACCEPTED_CONTRACTS_STORE).get(PRODUCT)).isNull();
    }

    @Test
    void deadLettersAPolicySetWhoseVersionIsNotSemantic() {
        PolicySet set = PolicyTopologyTest.set("paid-media", "one", "paid-media",
                PolicyTopologyTest.rule("naming.topic", "output-topic-naming", Severity.BLOCKING, Map.of()));

        harness.input(Topics.POLICIES).pipeInput(set.getId(), set);

        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("invalid-version");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).startsWith("version: 'one'");
        assertThat(violations.isEmpty()).as("never reached the admission").isTrue();
        assertThat(harness.store(GovernanceTopology.POLICY_SETS_STORE).get(set.getId())).isNull();
    }

    @Test
    void deadLettersAPolicySetWithAnEmptyRuleId() {
        PolicySet set = PolicyTopologyTest.set("paid-media", "1.0.0", "paid-media",
                PolicyTopologyTest.rule("", "output-topic-naming", Severity.BLOCKING, Map.of()));

        harness.input(Topics.POLICIES).pipeInput(set.getId(), set);

        TestRecord<byte[], byte[]> dead = harness.deadLetters().readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("string-out-of-bounds");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).startsWith("rules[0].id: ");
    }

    private static void guarantees(DataProductContract contract, Long freshnessMs, Double percent, Long windowMs) {
        QualityGuarantees promised = QualityFixtures.contract(PRODUCT, 60_000, 99.5, 60_000).getGuarantees();
        contract.setGuarantees(QualityGuarantees.newBuilder(promised).setFreshnessMaxAgeMs(freshnessMs)
                .setCompletenessPercent(percent).setWindowMs(windowMs).build());
    }

    private static Arguments broken(String reason, String field, Consumer<DataProductContract> breakIt) {
        return Arguments.of(reason, field, breakIt);
    }
}
