package io.meshwarden.sla.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import io.meshwarden.sla.SlaMonitor;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service end to end on a real broker, started the way the local runner starts it
 * ({@link SlaMonitor#start}): violations produced by a plain producer, read back over HTTP.
 * Every test uses its own products, as they share one service.
 */
@EmbeddedKafka
class ViolationControllerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec<Violation> CODEC = EventCodec.of(Violation.class);

    private static MeshwardenConfig config;
    private static SlaMonitor monitor;
    private static HttpClient http;
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void startService(EmbeddedKafkaBroker kafka, @TempDir Path stateDir) throws Exception {
        Map<String, String> meshwarden = Map.of(
                "meshwarden.bootstrap.servers", kafka.bootstrapServers(),
                "meshwarden.state.dir", stateDir.toString(),
                "meshwarden.topic.partitions", "2");
        config = MeshwardenConfig.defaults(meshwarden);
        Map<String, String> properties = new java.util.HashMap<>(meshwarden);
        properties.put("micronaut.server.port", "-1");
        // Security on, as in production: reads as the demo viewer, with basic credentials.
        properties.put("meshwarden.security.users.file", "classpath:meshwarden/demo-users.yml");
        monitor = SlaMonitor.start(properties);
        http = HttpClient.create(new URL(monitor.url()));
        producer = new KafkaProducer<>(config.producerProperties("sla-monitor-it"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopService() {
        // Before the extension stops the broker, so that Kafka Streams can leave its group cleanly.
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (http != null) {
            http.close();
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void servesProducedAvroAndJsonViolationsOfAProductNewestFirst() throws Exception {
        String product = "paid-media.campaign-performance";
        send(product, CODEC.encode(Samples.violation(product, "naming"), OutputFormat.AVRO));
        // JSON the way a domain team writes it by hand: ISO timestamp, enum symbols, optional fields left out.
        send(product, ("{\"violationId\": \"" + product + "/freshness\", \"productId\": \"" + product + "\","
                + " \"domain\": \"paid-media\", \"category\": \"FRESHNESS\", \"ruleId\": \"freshness\","
                + " \"severity\": \"WARNING\", \"status\": \"BREACH\", \"message\": \"no data for 2h\","
                + " \"detectedAt\": \"2026-11-25T09:05:00Z\"}").getBytes(StandardCharsets.UTF_8));

        JsonNode found = awaitViolations("/api/violations?productId=" + product, 2);

        assertThat(found.get(0).get("ruleId").asText()).isEqualTo("freshness");
        assertThat(found.get(0).get("detectedAt").asText()).isEqualTo("2026-11-25T09:05:00Z");
        assertThat(found.get(1).get("ruleId").asText()).isEqualTo("naming");
        assertThat(found.get(1).get("severity").asText()).isEqualTo("BLOCKING");
    }

    @Test
    void recoveryReplacesTheBreachInTheAnswer() throws Exception {
        String product = "content.articles";
        Violation breach = Samples.violation(product, "completeness");
        send(product, CODEC.encode(breach, OutputFormat.AVRO));
        send(product, CODEC.encode(Violation.newBuilder(breach).setStatus(ViolationStatus.RECOVERY)
                .setDetectedAt(breach.getDetectedAt().plusSeconds(60)).build(), OutputFormat.JSON));

        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/api/violations?productId=" + product).body())
                .singleElement().satisfies(v -> assertThat(v.get("status").asText()).isEqualTo("RECOVERY")));
        assertThat(get("/api/violations?productId=" + product + "&status=breach").body()).isEmpty();
    }

    @Test
    void filtersByDomain() throws Exception {
        send("email.newsletter-opens", CODEC.encode(Samples.violation("email.newsletter-opens", "retention"), OutputFormat.AVRO));
        send("social.mentions", CODEC.encode(Samples.violation("social.mentions", "retention"), OutputFormat.AVRO));
        awaitViolations("/api/violations?productId=social.mentions", 1);

        JsonNode email = awaitViolations("/api/violations?domain=email", 1);

        assertThat(email.get(0).get("productId").asText()).isEqualTo("email.newsletter-opens");
    }

    @Test
    void answersBadParametersWith400NamingTheField() {
        Answer nonNumeric = get("/api/violations?limit=abc");
        assertThat(nonNumeric.status()).isEqualTo(400);
        assertThat(nonNumeric.body().get("field").asText()).isEqualTo("limit");
        assertThat(nonNumeric.body().get("error").asText()).contains("abc");

        assertThat(get("/api/violations?limit=0").body().get("field").asText()).isEqualTo("limit");
        assertThat(get("/api/violations?status=open").body().get("field").asText()).isEqualTo("status");
    }

    @Test
    void reportsHealthUpWithTheKafkaStreamsState() {
        await().atMost(WAIT).untilAsserted(() -> {
            Answer health = get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body().get("status").asText()).isEqualTo("UP");
            assertThat(health.body().at("/details/kafkaStreams/details/state").asText()).isEqualTo("RUNNING");
        });
    }

    @Test
    void sendsUndecodableRecordsToTheDeadLetterTopicWithTheirSource() throws Exception {
        String product = "customer-analytics.segments";
        byte[] garbage = {0x07, 0x01, 0x02, 0x03};
        send(product, garbage);
        send(product, CODEC.encode(Samples.violation(product, "naming"), OutputFormat.AVRO));
        awaitViolations("/api/violations?productId=" + product, 1);

        Properties consumerProperties = config.consumerProperties("sla-monitor-it-dead-letters");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(config.topics().name(Topics.DEAD_LETTER)));
            List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
                return letters.stream().anyMatch(r -> new String(r.key(), StandardCharsets.UTF_8).equals(product));
            });
            ConsumerRecord<byte[], byte[]> letter = letters.stream()
                    .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(product)).findFirst().orElseThrow();
            assertThat(letter.value()).isEqualTo(garbage);
            assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON_HEADER)).isEqualTo("undecodable");
            assertThat(DeadLetter.header(letter.headers(), DeadLetter.TOPIC_HEADER)).isEqualTo(config.topics().name(Topics.VIOLATIONS));
            assertThat(DeadLetter.header(letter.headers(), DeadLetter.OFFSET_HEADER)).matches("\\d+");
        }
    }

    private static void send(String productId, byte[] value) throws InterruptedException, ExecutionException {
        TopicCatalog topics = config.topics();
        producer.send(new ProducerRecord<>(topics.name(Topics.VIOLATIONS), productId.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private static JsonNode awaitViolations(String path, int count) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            Answer answer = get(path);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).hasSize(count);
            found[0] = answer.body();
        });
        return found[0];
    }

    private static Answer get(String path) {
        try {
            HttpResponse<String> response = http.toBlocking()
                    .exchange(HttpRequest.GET(path).basicAuth("vera", "demo"), String.class);
            return new Answer(response.code(), JSON.readTree(response.body()));
        } catch (HttpClientResponseException e) {
            String body = e.getResponse().getBody(String.class).orElse("null");
            try {
                return new Answer(e.code(), JSON.readTree(body));
            } catch (java.io.IOException notJson) {
                throw new AssertionError("not JSON: " + body, notJson);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** An HTTP answer: status code and JSON body. */
    private record Answer(int status, JsonNode body) {
    }
}
