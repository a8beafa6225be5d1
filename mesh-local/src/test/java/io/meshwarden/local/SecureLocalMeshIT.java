package io.meshwarden.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.kafka.embedded.BrokerSecurity;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.DomainChangeTopics;
import io.meshwarden.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./mesh-local.sh --secure}, in-process: every component on SASL with ACLs enforced, the demo still decided. */
class SecureLocalMeshIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalMesh mesh;

    @BeforeAll
    static void startMesh() {
        mesh = LocalMesh.start(new LocalOptions(Optional.empty(), 1, 0, 0, Map.of(), Map.of(), true, Duration.ofSeconds(1), true));
    }

    @AfterAll
    static void stopMesh() {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void hasAPrincipalPerDemoDomainAndPerServiceButOnlyTheServicesAreSuperUsers() {
        BrokerSecurity users = mesh.security().orElseThrow();
        assertThat(users.passwords()).containsKeys("paid-media", "social", "email", "content", "customer-analytics",
                "marketing-ops", LocalAccess.QUALITY_STREAMS, LocalAccess.SLA_MONITOR);
        assertThat(users.superUsers()).doesNotContain("paid-media", "social", "email", "content", "customer-analytics",
                "marketing-ops");
    }

    @Test
    void theStewardIsAnOrdinaryUserAndTheOnlyOneThatWritesThePolicyApprovals() {
        BrokerSecurity users = mesh.security().orElseThrow();
        assertThat(users.passwords()).containsKey(LocalAccess.STEWARD);
        assertThat(users.superUsers()).doesNotContain(LocalAccess.STEWARD);
        String approvals = mesh.config().topics().name(Topics.POLICY_APPROVALS);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> write(LocalAccess.STEWARD, approvals));
        assertThatThrownBy(() -> write("paid-media", approvals)).hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    private static void write(String user, String topic) throws Exception {
        Map<String, Object> props = new HashMap<>(mesh.security().orElseThrow().clientProperties(user));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, mesh.config().bootstrapServers());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            // Not an approval record: governance dead-letters it; the point is whether the broker takes it.
            producer.send(new ProducerRecord<>(topic, "global", "not an approval")).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theSecuredServicesDecideTheDemoAndADomainReadsTheViolations() throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Set<String> products = new HashSet<>();
            get("/api/violations").forEach(v -> products.add(v.get("productId").asText()));
            assertThat(products).contains("customer-analytics.lifecycle-stage", "social.InfluencerMentions");
        });
        String violations = mesh.config().topics().name(Topics.VIOLATIONS);
        Map<String, Object> asContent = new HashMap<>(mesh.security().orElseThrow().clientProperties("content"));
        asContent.put("bootstrap.servers", mesh.config().bootstrapServers());
        try (TopicTail tail = TopicTail.of(asContent, violations)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !tail.poll(violations).isEmpty());
        }
    }

    @Test
    void aDomainCannotWriteAnotherDomainsChangeTopic() {
        Map<String, Object> props = new HashMap<>(mesh.security().orElseThrow().clientProperties("paid-media"));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, mesh.config().bootstrapServers());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        String social = new DomainChangeTopics(mesh.config().topics()).of("social").name();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(social, "social.post-reach", "{}")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(mesh.apiUrl() + path))
                        .header("Authorization", LocalMeshIT.DEMO_VIEWER).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
