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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Drift between a product's contract and its output topic's schema registry subject: a registered version the
 * contract does not describe, or cannot read, breaches {@code schema.registry-drift} once per version, naming the
 * subject, the version and the first differing field; a recovery follows when a contract version describes the
 * latest registered one again. Checked on every contract change and, for the registry's side, every minute: one
 * request per subject, and a comparison only when the subject's latest version changed.
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
    /** The production comparison ({@link SchemaDrift#of}), counted. */
    private final AtomicInteger comparisons = new AtomicInteger();
    private final TopologyFixture harness = TopologyFixture.start(RegistryDriftService.APPLICATION, START,
            (topics, properties) -> RegistryDriftTopology.build(topics, client, 60_000, (contract, registered) -> {
                comparisons.incrementAndGet();
                return SchemaDrift.of(contract, registered);
            }, properties));

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

    @Test
    void anUnchangedLatestVersionIsNotComparedAgainAndEachSubjectIsAskedForOncePerCheck() {
        registry.register("campaigns", "AVRO", V1);
        List<String> products = List.of(PRODUCT, "paid-media.campaign-budget", "paid-media.campaign-pacing");
        for (String product : products) {
            publish(product, "1.0.0", V1, Map.of(RegistryDriftProcessor.SUBJECT, "campaigns"));
        }
        assertThat(comparisons).as("each contract compared when it arrives").hasValue(3);
        int requests = registry.requests();

        minutes(10);

        assertThat(comparisons).as("nothing compared again while the latest version stays").hasValue(3);
        assertThat(registry.requests() - requests).as("one request per check for the three products' one subject")
                .isEqualTo(10);
        assertThat(violations()).isEmpty();

        registry.register("campaigns", "AVRO", V2);
        minutes(1);

        assertThat(comparisons).as("a new latest version compared once per port").hasValue(6);
        assertThat(violations()).extracting(Violation::getProductId).containsExactlyInAnyOrderElementsOf(products);
        minutes(2);
        assertThat(comparisons).hasValue(6);
        assertThat(violations()).isEmpty();
    }

    @Test
    void aContractChangeIsComparedAtOnceWithTheRegistryAskedAfresh() {
        registry.register(SUBJECT, "AVRO", V1);
        publish("1.0.0", V1, Map.of());
        registry.register(SUBJECT, "AVRO", V2);
        int requests = registry.requests();

        publish("1.0.1", V1, Map.of());

        assertThat(registry.requests() - requests).isEqualTo(1);
        assertThat(violations()).singleElement().satisfies(v -> assertThat(v.getMessage()).contains("version 2"));
        minutes(1);
        assertThat(violations()).as("the version already breached at the contract change").isEmpty();
    }

    private void publish(String version, String schema, Map<String, String> properties) {
        publish(PRODUCT, version, schema, properties);
    }

    private void publish(String product, String version, String schema, Map<String, String> properties) {
        DataProductContract contract = DataProductContract.newBuilder(QualityFixtures.contract(product, 60_000, 99.0, 60_000))
                .setVersion(version).setProductSchema(schema).setProperties(properties)
                .setOutputPorts(List.of(OutputPort.newBuilder().setName("performance").setTopic(product + ".v1").build()))
                .build();
        harness.input(Topics.CATALOG).pipeInput(product, contract, START);
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
