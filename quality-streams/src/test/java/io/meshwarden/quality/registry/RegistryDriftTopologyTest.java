package io.meshwarden.quality.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.LocalSchemaRegistry;
import io.meshwarden.quality.rolling.QualityFixtures;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import io.meshwarden.schemas.violation.ViolationRule;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Drift between a product's contract and its output topic's schema registry subject: a registered version the
 * contract does not describe, or cannot read, breaches {@code schema.registry-drift} once per version, naming the
 * subject, the version and the first differing field; a recovery follows when a contract version describes the
 * latest registered one again. Checked on every contract change and, for the registry's side, every minute.
 */
class RegistryDriftTopologyTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final String TOPIC = PRODUCT + ".v1";
    private static final String SUBJECT = TOPIC + "-value";
    private static final String V1 = schema("{\"name\":\"campaign_id\",\"type\":\"string\"}");
    private static final String V2 = schema("{\"name\":\"campaign_id\",\"type\":\"string\"},"
            + "{\"name\":\"channel\",\"type\":[\"null\",\"string\"],\"default\":null}");
    private static final String RENAMED = schema("{\"name\":\"campaignId\",\"type\":\"string\"}");

    private final LocalSchemaRegistry registry = LocalSchemaRegistry.start();
    private final SchemaRegistryClient client = SchemaRegistryClient.from(MeshwardenConfig.defaults(
            Map.of(Settings.SCHEMA_REGISTRY_URL.key(), registry.url().toString()))).orElseThrow();
    private final TopologyFixture harness = TopologyFixture.start(RegistryDriftService.APPLICATION, START,
            (topics, properties) -> RegistryDriftTopology.build(topics, client, 60_000, properties));

    @AfterEach
    void stop() {
        harness.close();
        registry.close();
    }

    @Test
    void aContractThatDescribesTheLatestVersionRaisesNothing() {
        registry.register(SUBJECT, "AVRO", V1);

        publish("1.0.0", V1, Map.of());
        minutes(2);

        assertThat(violations()).isEmpty();
    }

    @Test
    void aNewRegisteredFieldTheContractDoesNotDescribeBreachesOnceAndTheContractsNextVersionRecovers() {
        registry.register(SUBJECT, "AVRO", V1);
        publish("1.0.0", V1, Map.of());
        registry.register(SUBJECT, "AVRO", V2);
        minutes(3);

        List<Violation> breach = violations();
        assertThat(breach).hasSize(1);
        assertThat(breach.get(0).getRuleId()).isEqualTo(ViolationRule.REGISTRY_DRIFT.ruleId());
        assertThat(breach.get(0).getStatus()).isEqualTo(ViolationStatus.BREACH);
        assertThat(breach.get(0).getMessage()).contains("version 2 of subject '" + SUBJECT + "'")
                .contains("first differing field: channel").doesNotContain("(incompatible)");

        publish("1.1.0", V2, Map.of());
        assertThat(violations()).extracting(Violation::getStatus).containsExactly(ViolationStatus.RECOVERY);
    }

    @Test
    void aRegisteredVersionTheContractCannotReadIsIncompatibleUnlessTheContractDeclaresNone() {
        registry.register(SUBJECT, "AVRO", RENAMED);

        publish("1.0.0", V1, Map.of());
        Violation breach = violations().get(0);
        assertThat(breach.getMessage()).contains("is not BACKWARD compatible").contains("(incompatible)")
                .contains("campaign_id");

        publish("1.0.1", V1, Map.of(SchemaDrift.COMPATIBILITY, "NONE"));
        // Still not described (campaignId is no field of the contract), but no longer incompatible: one breach, unchanged.
        assertThat(violations()).isEmpty();
    }

    @Test
    void aSubjectTheContractNamesIsTheOneCompared() {
        registry.register("campaigns", "AVRO", RENAMED);
        registry.register(SUBJECT, "AVRO", V1);

        publish("1.0.0", V1, Map.of(RegistryDriftProcessor.SUBJECT, "campaigns"));

        assertThat(violations()).singleElement().satisfies(v -> assertThat(v.getMessage()).contains("subject 'campaigns'"));
    }

    @Test
    void aProductWithoutASubjectOrARegistryThatIsDownRaisesNothing() {
        publish("1.0.0", V1, Map.of());
        registry.close();
        minutes(2);

        assertThat(violations()).isEmpty();
    }

    private void publish(String version, String schema, Map<String, String> properties) {
        DataProductContract contract = DataProductContract.newBuilder(QualityFixtures.contract(PRODUCT, 60_000, 99.0, 60_000))
                .setVersion(version).setProductSchema(schema).setProperties(properties)
                .setOutputPorts(List.of(OutputPort.newBuilder().setName("performance").setTopic(TOPIC).build()))
                .build();
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, contract, START);
    }

    private void minutes(int count) {
        for (int i = 0; i < count; i++) {
            harness.driver().advanceWallClockTime(Duration.ofMinutes(1));
        }
    }

    private List<Violation> violations() {
        return harness.output(Topics.VIOLATIONS).readValuesToList();
    }

    private static String schema(String fields) {
        return "{\"type\":\"record\",\"name\":\"CampaignPerformance\",\"fields\":[" + fields + "]}";
    }
}
