package io.meshwarden.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README's first command, in-process: the whole mesh shows the demo's violations. */
class LocalMeshIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Basic credentials of the demo viewer: mesh-local's SLA monitor asks for them (docs/security.md). */
    static final String DEMO_VIEWER = "Basic " + java.util.Base64.getEncoder().encodeToString(
            "vera:demo".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    /** The ODCS rules of email.send-engagement (invalidValues of subscriber_email, nullValues of opened) the demo's outage breaks. */
    private static final List<String> OUTAGE_RULES = List.of("quality:$.schema[0].properties[1].quality[0]",
            "quality:$.schema[0].properties[2].quality[0]");
    private static LocalMesh mesh;

    @BeforeAll
    static void startMesh() {
        mesh = LocalMesh.start(new LocalOptions(Optional.empty(), 1, 0, 0,
                Map.of(Settings.OUTPUT_FORMAT.key(), "json"), Map.of(), true, Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stopMesh() {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void showsTheViolationsOfTheDemosNonCompliantProductsWithinAMinute() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode violations = get("/api/violations");
            Set<String> products = new HashSet<>();
            violations.forEach(v -> products.add(v.get("productId").asText()));
            assertThat(products).contains("customer-analytics.lifecycle-stage", "social.InfluencerMentions");
        });
        JsonNode lifecycle = get("/api/violations?productId=customer-analytics.lifecycle-stage");
        assertThat(lifecycle).singleElement().satisfies(v -> assertThat(v.get("ruleId").asText()).isEqualTo("classification.pii"));
    }

    @Test
    void compliantDemoProductsHaveNoViolations() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/violations").size() >= 2);

        // email's only violations are those of the quality rules its scenario breaks on purpose (below).
        assertThat(get("/api/violations?domain=email"))
                .allSatisfy(v -> assertThat(v.get("ruleId").asText()).isIn(OUTAGE_RULES));
        // paid-media's only violation is the accuracy breach its drifting spend makes on purpose (below).
        assertThat(get("/api/violations?domain=paid-media")).allSatisfy(v -> {
            assertThat(v.get("productId").asText()).isEqualTo(DemoMetricsScenario.DRIFTING);
            assertThat(v.get("ruleId").asText()).isEqualTo("accuracy.spend_micros");
        });
    }

    @Test
    void theObservedOdcsProductBreachesItsQualityRulesDuringTheOutageAndRecovers() {
        String violations = mesh.config().topics().name(Topics.VIOLATIONS);
        EventCodec<Violation> codec = EventCodec.of(Violation.class);
        try (TopicTail tail = TopicTail.of(mesh.config().bootstrapServers(), violations)) {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<Violation> quality = tail.poll(violations).stream().map(record -> codec.decode(record.value()))
                        .filter(v -> v.getProductId().equals(DemoSendEngagement.PRODUCT)).toList();
                for (String rule : OUTAGE_RULES) {
                    assertThat(quality).filteredOn(v -> v.getRuleId().equals(rule)).as(rule)
                            .extracting(Violation::getStatus).containsExactly(ViolationStatus.BREACH, ViolationStatus.RECOVERY);
                }
                assertThat(quality).extracting(Violation::getRuleId).as("only the rules the outage breaks").allMatch(OUTAGE_RULES::contains);
            });
        }
    }

    @Test
    void theDemosVolumeDropAtAnUnusualHourIsAnAnomalyOnTheViolationsTopicAndAnAlert() throws Exception {
        String violations = mesh.config().topics().name(Topics.VIOLATIONS);
        EventCodec<Violation> codec = EventCodec.of(Violation.class);
        try (TopicTail tail = TopicTail.of(mesh.config().bootstrapServers(), violations)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(tail.poll(violations).stream().map(record -> codec.decode(record.value()))
                            .filter(v -> v.getProductId().equals(DemoVolumeAnomaly.PRODUCT)))
                            .anySatisfy(v -> {
                                assertThat(v.getRuleId()).isEqualTo("anomaly.volume");
                                assertThat(v.getStatus()).isEqualTo(ViolationStatus.BREACH);
                                assertThat(v.getObservedValue()).isLessThan(v.getExpectedLow());
                            }));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/violations?productId="
                + DemoVolumeAnomaly.PRODUCT)).anySatisfy(v -> assertThat(v.get("ruleId").asText()).isEqualTo("anomaly.volume")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode band = get("/api/products/" + DemoVolumeAnomaly.PRODUCT).path("latestSnapshot").path("anomalyBands")
                    .path("volume");
            assertThat(band.path("expected").asDouble()).isBetween(band.path("low").asDouble(), band.path("high").asDouble());
            assertThat(band.path("state").asText()).isIn("normal", "anomalous");
        });
    }

    @Test
    void theDemosDriftingSpendIsAnAccuracyBreachOnTheViolationsTopicAndAnAlert() throws Exception {
        String violations = mesh.config().topics().name(Topics.VIOLATIONS);
        EventCodec<Violation> codec = EventCodec.of(Violation.class);
        try (TopicTail tail = TopicTail.of(mesh.config().bootstrapServers(), violations)) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(tail.poll(violations).stream().map(record -> codec.decode(record.value()))
                            .filter(v -> v.getProductId().equals(DemoMetricsScenario.DRIFTING)))
                            .anySatisfy(v -> {
                                assertThat(v.getRuleId()).isEqualTo("accuracy.spend_micros");
                                assertThat(v.getStatus()).isEqualTo(ViolationStatus.BREACH);
                                assertThat(v.getObservedValue()).isLessThan(v.getExpectedLow());
                                assertThat(v.getDeviation()).isLessThan(-0.01);
                            }));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/violations?productId="
                + DemoMetricsScenario.DRIFTING)).anySatisfy(v -> assertThat(v.get("ruleId").asText())
                .isEqualTo("accuracy.spend_micros")));
    }

    /**
     * A pipeline publishes its contract and then its metrics; the first metrics reach quality-streams
     * before the contract does (a hop more, through governance) and wait for it there, so no demo
     * product starts with a dead letter. The demo's two products whose contracts governance rejects
     * (on purpose) run no pipeline. Watched for longer than a metric may wait for its contract.
     */
    @Test
    void theDemoStartsWithNoDeadLetters() {
        String deadLetters = mesh.config().topics().name(Topics.DEAD_LETTER);
        String snapshots = mesh.config().topics().name(Topics.SNAPSHOTS);
        String decisions = mesh.config().topics().name(Topics.DECISIONS);
        long watch = Long.parseLong(Settings.QUALITY_CONTRACT_WAIT_MS.defaultValue()) + 10_000;
        try (TopicTail tail = TopicTail.of(mesh.config().bootstrapServers(), deadLetters, snapshots, decisions)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> !tail.poll(snapshots).isEmpty());
            long until = System.currentTimeMillis() + watch;
            await().atMost(Duration.ofMillis(watch + 30_000)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> System.currentTimeMillis() > until);
            EventCodec<Decision> codec = EventCodec.of(Decision.class);
            Set<String> rejected = new HashSet<>();
            tail.poll(decisions).stream().map(record -> codec.decode(record.value()))
                    .filter(decision -> decision.getOutcome() == DecisionOutcome.REJECTED)
                    .forEach(decision -> rejected.add(decision.getProductId()));
            assertThat(rejected).as("the demo's non-compliant products")
                    .contains("customer-analytics.lifecycle-stage", "social.InfluencerMentions");
            assertThat(tail.poll(deadLetters)).as("dead letters of the demo").allSatisfy(record ->
                    assertThat(new String(record.key(), StandardCharsets.UTF_8) + " "
                            + DeadLetter.header(record.headers(), DeadLetter.REASON_HEADER))
                            .as(DeadLetter.header(record.headers(), DeadLetter.MESSAGE_HEADER)).isNull()).isEmpty();
        }
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(mesh.apiUrl() + path)).header("Authorization", DEMO_VIEWER).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
