package io.meshwarden.quality.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.Classification;
import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.LocalSchemaRegistry;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshwarden.output.format=confluent-avro} on a real broker against {@link LocalSchemaRegistry}: the
 * violation is read the way a Confluent deserializer reads it, from the public wire-format spec only (magic byte 0,
 * a 4-byte big-endian schema id, {@code GET /schemas/ids/{id}}, Avro binary read with that schema), not with
 * Meshwarden's codec.
 */
@EmbeddedKafka
class ConfluentOutputLocalRegistryIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalSchemaRegistry registry = LocalSchemaRegistry.start();
    private MeshwardenConfig config;
    private TopicCatalog topics;
    private QualityStreams app;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        config = ItConfig.freshRun(broker, stateDir, "confluent").with(Map.of(
                Settings.OUTPUT_FORMAT.key(), "confluent-avro",
                Settings.SCHEMA_REGISTRY_URL.key(), registry.url().toString()));
        topics = config.topics();
        app = QualityStreams.start(config);
        producer = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        producer.close();
        app.close();
        registry.close();
    }

    @Test
    void aViolationInSpecBuiltConfluentBytesReadsWithTheSchemaTheLocalRegistryServesForItsId() throws Exception {
        DataProductContract compliant = Samples.contract("paid-media.campaign-performance");
        DataProductContract leaky = DataProductContract.newBuilder(Samples.contract("customer-analytics.lifecycle-stage"))
                .setClassification(Classification.INTERNAL).build();
        send(compliant.getId(), Samples.change(compliant));
        send(leaky.getId(), Samples.change(leaky));

        String violations = topics.name(Topics.VIOLATIONS);
        try (TopicTail tail = TopicTail.of(config.bootstrapServers(), violations, topics.name(Topics.CATALOG),
                topics.name(Topics.DEAD_LETTER))) {
            await().atMost(WAIT).until(() -> tail.poll(violations).size() == 1 && tail.poll(topics.name(Topics.CATALOG)).size() == 1);

            ConsumerRecord<byte[], byte[]> record = tail.poll(violations).get(0);
            byte[] value = record.value();
            assertThat(value[0]).as("magic byte").isZero();
            int id = ByteBuffer.wrap(value, 1, 4).getInt();
            JsonNode byId = get("/schemas/ids/" + id);
            Schema writer = new Schema.Parser().parse(byId.get("schema").asText());
            GenericRecord violation = new GenericDatumReader<GenericRecord>(writer).read(null,
                    DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));

            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("customer-analytics.lifecycle-stage");
            assertThat(violation.get("productId")).hasToString("customer-analytics.lifecycle-stage");
            assertThat(violation.get("ruleId")).hasToString("classification.pii");
            assertThat(violation.get("severity")).hasToString("BLOCKING");
            assertThat(writer.getFullName()).isEqualTo("io.meshwarden.avro.Violation");
            assertThat(get("/subjects/" + violations + "-value/versions/latest").get("id").asInt())
                    .as("registered under the topic's value subject (TopicNameStrategy)").isEqualTo(id);

            byte[] catalogValue = tail.poll(topics.name(Topics.CATALOG)).get(0).value();
            assertThat(catalogValue[0]).as("the catalog is framed too").isZero();
            assertThat(tail.poll(topics.name(Topics.DEAD_LETTER))).as("Meshwarden reads its own framed records back").isEmpty();
        }
        assertThat(app.state().isRunningOrRebalancing()).isTrue();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Accept", "application/vnd.schemaregistry.v1+json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void send(String key, ContractChange change) {
        producer.send(new ProducerRecord<>(topics.name(Topics.CONTRACT_CHANGES), key.getBytes(StandardCharsets.UTF_8),
                EventCodec.of(ContractChange.class).encode(change, OutputFormat.JSON)));
        producer.flush();
    }
}
