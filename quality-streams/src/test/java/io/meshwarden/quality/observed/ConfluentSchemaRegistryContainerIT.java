package io.meshwarden.quality.observed;

import static io.meshwarden.quality.rules.QualityRules.path;
import static io.meshwarden.quality.rules.QualityRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.registry.RegistryDriftService;
import io.meshwarden.quality.rules.QualityRules;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.registry.RegisteredSchema;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import io.meshwarden.schemas.violation.ViolationRule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.ConfluentKafkaContainer;

/**
 * Observed mode and registry drift against the real thing, where Docker runs (skipped otherwise): Confluent's Kafka
 * and Confluent Schema Registry in containers on one network. The records are written by the registry's own Avro
 * serializer ({@code kafka-avro-console-producer} inside the registry's container, which registers the writer's
 * schema: the contract's fields in another order); quality-streams' observed app counts them all, none dead-lettered.
 * Then a version the contract cannot read is registered over REST (subject compatibility set to NONE first, or the
 * registry would refuse it): the registry drift app raises a {@code schema.registry-drift} breach naming it.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConfluentSchemaRegistryContainerIT {
    private static final String CONFLUENT_VERSION = "7.7.1";
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final String TOPIC = PRODUCT + ".v1";
    private static final String SUBJECT = TOPIC + "-value";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final long MINUTE = 60_000;
    /**
     * The contract's fields (QualityRules.SCHEMA) in reverse order: read by schema resolution, and described by the
     * contract (a field more would be a drift of its own).
     */
    private static final String WRITER = "{\"type\":\"record\",\"name\":\"CampaignPerformance\",\"fields\":["
            + "{\"name\":\"clicks\",\"type\":[\"null\",\"long\"],\"default\":null},"
            + "{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null},"
            + "{\"name\":\"channel\",\"type\":[\"null\",\"string\"],\"default\":null},"
            + "{\"name\":\"campaign_id\",\"type\":\"string\"}]}";
    /** {@code campaign_id} (required, no default) renamed: the contract cannot read it. */
    private static final String INCOMPATIBLE = WRITER.replace("\"campaign_id\"", "\"campaign\"");
    private static final int RECORDS = 5;

    private static final Network NETWORK = Network.newNetwork();
    @Container
    private static final ConfluentKafkaContainer KAFKA = new ConfluentKafkaContainer("confluentinc/cp-kafka:" + CONFLUENT_VERSION)
            .withNetwork(NETWORK).withListener("kafka:19092");
    @Container
    private static final GenericContainer<?> REGISTRY = new GenericContainer<>("confluentinc/cp-schema-registry:" + CONFLUENT_VERSION)
            .withNetwork(NETWORK).withExposedPorts(8081).dependsOn(KAFKA)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));

    private String registryUrl;
    private MeshTestRun run;

    @BeforeEach
    void start(@TempDir Path stateDir) throws Exception {
        registryUrl = "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081);
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), KAFKA.getBootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(),
                Settings.TOPIC_PARTITIONS.key(), "1",
                Settings.SCHEMA_REGISTRY_URL.key(), registryUrl,
                Settings.SCHEMA_REGISTRY_DRIFT_CHECK_MS.key(), "1000"));
        try (Admin admin = Admin.create(config.adminProperties())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        run = MeshTestRun.start(config, QualityStreams::start, ObservedService::start, RegistryDriftService::start);
    }

    @AfterEach
    void stop() throws Exception {
        run.close();
    }

    @Test
    void recordsOfConfluentsOwnSerializerAreMeasuredAndAnIncompatibleVersionDrifts() throws Exception {
        String nullEmails = path(2, 0);
        DataProductContract contract = QualityRules.contract(PRODUCT, rule(nullEmails, "email", "nullValues", "mustBe", 0));
        run.catalog(DataProductContract.newBuilder(contract).setProperties(Map.of("kafka.observed", "true"))
                .setOutputPorts(List.of(OutputPort.newBuilder(contract.getOutputPorts().get(0)).setTopic(TOPIC).build()))
                .build());

        // Avro's JSON encoding on stdin: a union value names its branch.
        String lines = IntStream.range(0, RECORDS).mapToObj(i -> "{\"clicks\":{\"long\":" + i + "},\"email\":{\"string\":\"u" + i + "@x\"},"
                + "\"channel\":{\"string\":\"search\"},\"campaign_id\":\"c-" + i + "\"}")
                .collect(Collectors.joining("\n"));
        var produced = REGISTRY.execInContainer("bash", "-c", "printf '%s\\n' '" + lines + "' | kafka-avro-console-producer"
                + " --bootstrap-server kafka:19092 --topic " + TOPIC + " --property schema.registry.url=http://localhost:8081"
                + " --property value.schema='" + WRITER + "'");
        assertThat(produced.getExitCode()).as("the console producer's exit (stderr: %s)", produced.getStderr()).isZero();

        // Close the records' step: one more record three minutes on, framed with the id the serializer registered.
        SchemaRegistryClient client = SchemaRegistryClient.from(MeshwardenConfig.defaults(Map.of(
                Settings.SCHEMA_REGISTRY_URL.key(), registryUrl))).orElseThrow();
        RegisteredSchema registered = client.latest(SUBJECT);
        GenericRecord closing = new GenericData.Record(new Schema.Parser().parse(registered.schema()));
        closing.put("campaign_id", "c-close");
        run.send(TOPIC, "close", ObservedRecords.confluentFrame(registered.id(), ObservedRecords.avroBinary(closing)),
                System.currentTimeMillis() + 3 * MINUTE);

        await("the serializer's records counted").atMost(WAIT).untilAsserted(() ->
                assertThat(ObservedRecords.expectedInSnapshots(run.tail(), run.topics(), PRODUCT)).isEqualTo(RECORDS));
        assertThat(run.deadLetters(TOPIC)).as("no record a Confluent deserializer reads is dead-lettered").isEmpty();

        send("PUT", "/config/" + SUBJECT, "{\"compatibility\":\"NONE\"}");
        send("POST", "/subjects/" + SUBJECT + "/versions", "{\"schema\":" + quoted(INCOMPATIBLE) + "}");
        await("the drift raised").atMost(WAIT).untilAsserted(() -> assertThat(run.decoded(Topics.VIOLATIONS, Violation.class))
                .filteredOn(v -> v.getRuleId().equals(ViolationRule.REGISTRY_DRIFT.ruleId()))
                .singleElement().satisfies(v -> {
                    assertThat(v.getStatus()).isEqualTo(ViolationStatus.BREACH);
                    assertThat(v.getMessage()).contains("version 2 of subject '" + SUBJECT + "'").contains("campaign_id");
                }));
    }

    private void send(String method, String path, String json) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registryUrl + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path).isEqualTo(200);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
