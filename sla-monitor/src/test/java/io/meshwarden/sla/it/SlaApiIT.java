package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.GroupReader;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Samples;
import io.meshwarden.sla.it.SlaService.Answer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog, SLA and alert API over HTTP, on a real broker: searches, lineage, commands and
 * their validation, the OpenAPI document, the Prometheus endpoint and the dashboard's files.
 */
@EmbeddedKafka
class SlaApiIT {
    private static final String SPEND = "paid-media.spend";
    private static final String ROAS = "customer-analytics.roas";
    private static final String OPENS = "email.opens";
    private static SlaService sla;

    private static String bootstrapServers;

    @BeforeAll
    static void start(EmbeddedKafkaBroker kafka, @TempDir Path stateDir) {
        bootstrapServers = kafka.bootstrapServers();
        sla = new SlaService(kafka.bootstrapServers(), stateDir, Map.of("meshwarden.sla.punctuate.interval.ms", "500"));
        sla.contract(Samples.contract(SPEND));
        DataProductContract roas = Samples.contract(ROAS);
        roas.setUpstreamProducts(List.of(SPEND));
        roas.setTags(List.of("marketing", "finance"));
        roas.setClassification(Classification.INTERNAL);
        sla.contract(roas);
        sla.contract(Samples.contract(OPENS));
        sla.violation(SPEND, "freshness", Severity.BLOCKING, ViolationStatus.BREACH, Instant.now());
        sla.violation(OPENS, "naming.product-id", Severity.WARNING, ViolationStatus.BREACH, Instant.now());
        sla.awaitJson("/api/alerts?active=true", alerts -> alerts.size() >= 2);
        sla.awaitJson("/api/catalog", products -> products.size() == 3);
        kafka.createTopic(sla.config.topics().name(Topics.READERS), 1, true);
        Topic<String, TopicReaders> readers = sla.config.topics().topic(Topics.READERS);
        try (KafkaProducer<String, TopicReaders> producer = new KafkaProducer<>(sla.config.producerProperties("sla-it-readers"),
                readers.keySerde().serializer(), readers.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(readers.name(), SPEND + ".v1", new TopicReaders(SPEND + ".v1",
                    List.of(new GroupReader("marketing-ops.budget-alerts", 12L, "marketing-ops-team", null, null)), List.of(), Instant.now())));
        }
    }

    @AfterAll
    static void stop() {
        if (sla != null) {
            sla.close();
        }
    }

    @Test
    void searchesTheCatalogByDomainTagClassificationOwnerAndText() {
        assertThat(ids("/api/catalog?domain=paid-media")).containsExactly(SPEND);
        assertThat(ids("/api/catalog?tag=finance")).containsExactly(ROAS);
        assertThat(ids("/api/catalog?classification=internal")).containsExactly(ROAS);
        assertThat(ids("/api/catalog?owner=email-team")).containsExactly(OPENS);
        assertThat(ids("/api/catalog?q=SPEND")).containsExactly(SPEND);
        Answer bad = sla.get("/api/catalog?classification=secret");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("field").asText()).isEqualTo("classification");
    }

    @Test
    void productDetailShowsLineageBothWaysDocumentationSlaAndOpenAlerts() {
        JsonNode spend = sla.get("/api/products/" + SPEND).body();
        assertThat(spend.get("downstream")).extracting(JsonNode::asText).containsExactly(ROAS);
        assertThat(spend.at("/product/documentationUrl").asText()).isEqualTo("https://docs.example/" + SPEND);
        assertThat(spend.at("/product/health").asText()).isEqualTo("CRITICAL");
        assertThat(spend.at("/product/sla/down").asBoolean()).isTrue();
        assertThat(spend.at("/contract/guarantees/availabilityPercent").asDouble()).isEqualTo(99.9);
        assertThat(spend.get("alerts")).extracting(alert -> alert.get("alertId").asText()).containsExactly(SPEND + "/freshness");

        JsonNode roas = sla.get("/api/products/" + ROAS).body();
        assertThat(roas.get("upstream")).extracting(JsonNode::asText).containsExactly(SPEND);
        assertThat(roas.at("/product/health").asText()).isEqualTo("OK");

        Answer unknown = sla.get("/api/products/paid-media.nothing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("field").asText()).isEqualTo("productId");
    }

    @Test
    void impactOfAHypotheticalChangeNamesDownstreamProductsReadingGroupsAndOwners() {
        JsonNode impact = sla.awaitJson("/api/products/" + SPEND + "/impact", body -> body.get("consumerGroups").size() == 1);
        assertThat(impact.get("kind").asText()).isEqualTo("BREAKING_CHANGE");
        assertThat(impact.get("downstreamProducts")).extracting(p -> p.get("productId").asText() + "/" + p.get("ownerTeam").asText())
                .containsExactly(ROAS + "/customer-analytics-team");
        assertThat(impact.get("consumerGroups")).extracting(g -> g.get("groupId").asText() + "/" + g.get("lag").asLong())
                .containsExactly("marketing-ops.budget-alerts/12");
        assertThat(impact.get("owners")).extracting(JsonNode::asText).containsExactly("customer-analytics-team", "marketing-ops-team");
        assertThat(sla.get("/api/products/" + SPEND + "/impact?kind=retirement").body().get("kind").asText()).isEqualTo("RETIREMENT");

        Answer bad = sla.get("/api/products/" + SPEND + "/impact?kind=sideways");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("field").asText()).isEqualTo("kind");
        assertThat(sla.get("/api/products/paid-media.nothing/impact").status()).isEqualTo(404);
    }

    @Test
    void summarisesEachDomain() {
        Map<String, JsonNode> byDomain = new java.util.HashMap<>();
        sla.get("/api/summary").body().forEach(domain -> byDomain.put(domain.get("domain").asText(), domain));
        assertThat(byDomain).containsKeys("customer-analytics", "email", "paid-media");
        assertThat(byDomain.get("paid-media").get("critical").asInt()).isEqualTo(1);
        assertThat(byDomain.get("email").get("warning").asInt()).isEqualTo(1);
        assertThat(byDomain.get("customer-analytics").get("ok").asInt()).isEqualTo(1);
        assertThat(byDomain.get("paid-media").get("tiles")).extracting(tile -> tile.get("health").asText())
                .containsExactly("CRITICAL");
    }

    @Test
    void filtersAlertsAndRejectsBadFiltersNamingTheField() {
        assertThat(sla.get("/api/alerts?severity=warning").body()).extracting(alert -> alert.get("productId").asText())
                .containsExactly(OPENS);
        assertThat(sla.get("/api/alerts?domain=paid-media&slaKind=freshness").body()).hasSize(1);
        assertThat(sla.get("/api/alerts?productId=" + SPEND + "&active=false").body()).isEmpty();
        assertThat(sla.get("/api/alerts?state=sleeping").body().get("field").asText()).isEqualTo("state");
        assertThat(sla.get("/api/alerts?active=maybe").body().get("field").asText()).isEqualTo("active");
    }

    @Test
    void commandsAreValidatedNamingTheFieldAtFault() {
        String snooze = "/api/alerts/" + OPENS + "/naming.product-id/snooze";
        assertThat(field(sla.post(snooze, "{\"actor\": \"bob\", \"reason\": \"later\"}"), 400)).isEqualTo("actor");
        assertThat(field(sla.post(snooze, "{\"actor\": \"ana\""), 400)).isEqualTo("body");
        assertThat(field(sla.post(snooze, "{\"actor\": \"ana\", \"minutes\": \"soon\"}"), 400)).isEqualTo("minutes");
        assertThat(field(sla.post(snooze, "{\"actor\": \"ana\", \"minutes\": 0}"), 400)).isEqualTo("minutes");
        assertThat(field(sla.post(snooze, "{\"actor\": \"ana\"}"), 400)).isEqualTo("until");
        assertThat(field(sla.post(snooze, "{\"actor\": \"ana\", \"until\": \"2020-01-01T00:00:00Z\"}"), 400)).isEqualTo("until");
        assertThat(field(sla.post(snooze, "{\"actor\": \"ana\", \"colour\": \"red\"}"), 400)).isEqualTo("colour");
        assertThat(field(sla.post("/api/alerts/" + OPENS + "/no-such-rule/acknowledge", "{\"actor\": \"ana\"}"), 404))
                .isEqualTo("alertId");
        assertThat(field(sla.post("/api/alerts/" + OPENS + "/naming.product-id/forget", "{\"actor\": \"ana\"}"), 400))
                .isEqualTo("action");
    }

    @Test
    void snoozeThenResolveChangeTheAlertAndAResolvedAlertRefusesMoreCommands() {
        // A product outside the catalog, so that the other tests' counts do not depend on the order of tests.
        String posts = "social.posts";
        sla.violation(posts, "metadata.ownership", Severity.BLOCKING, ViolationStatus.BREACH, Instant.now());
        sla.awaitJson("/api/alerts?productId=" + posts, alerts -> alerts.size() == 1);
        String alert = "/api/alerts/" + posts + "/metadata.ownership";
        assertThat(sla.post(alert + "/snooze", "{\"actor\": \"ana\", \"minutes\": 60}").status()).isEqualTo(202);
        sla.awaitJson("/api/alerts?productId=" + posts, alerts -> alerts.get(0).get("state").asText().equals("SNOOZED"));
        assertThat(sla.post(alert + "/resolve", "{\"actor\": \"ana\", \"reason\": \"renamed\"}").status()).isEqualTo(202);
        sla.awaitJson("/api/alerts?productId=" + posts, alerts -> alerts.get(0).get("state").asText().equals("RESOLVED"));

        assertThat(field(sla.post(alert + "/acknowledge", "{\"actor\": \"ana\"}"), 409)).isEqualTo("alertId");
    }

    @Test
    void servesTheOpenApiDocumentPrometheusMetricsAndTheDashboard() {
        String openApi = sla.text("/swagger/sla-monitor-0.1.0.yml");
        assertThat(openApi).contains("openapi:", "/api/catalog", "/api/products/{productId}", "/api/alerts/{productId}/{ruleId}/{action}",
                "/api/summary", "/api/violations");
        sla.awaitJson("/health", health -> true);
        org.awaitility.Awaitility.await().atMost(SlaService.WAIT).until(() -> sla.text("/prometheus")
                .contains("meshwarden_sla_alerts_open{domain=\"paid-media\",severity=\"BLOCKING\"}"));
        String metrics = sla.text("/prometheus");
        assertThat(metrics).contains("meshwarden_sla_budget_remaining{domain=\"paid-media\",product=\"" + SPEND + "\"}",
                "meshwarden_sla_availability{", "kafka_stream_");
        assertThat(sla.text("/dashboard/index.html")).contains("Open alerts");
        assertThat(sla.text("/dashboard/dashboard.js")).contains("acknowledge");
    }

    @Test
    void theGrafanaDashboardQueriesOnlyMetricsTheServiceExports() throws java.io.IOException {
        var dashboard = io.meshwarden.sla.metrics.GrafanaDashboard.read(io.meshwarden.sla.metrics.GrafanaDashboard.FILE);
        String deadLetters = io.meshwarden.config.MeshwardenConfig.defaults(Map.of()).topics()
                .name(io.meshwarden.schemas.Topics.DEAD_LETTER);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(
                Map.of(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            // Alerts, budgets, availability and timeliness appear once their products do (this suite publishes them);
            // the dead-letter count once a dead letter comes after its consumer joined (one is written each try).
            org.awaitility.Awaitility.await().atMost(SlaService.WAIT).untilAsserted(() -> {
                var record = new org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>(deadLetters,
                        "paid-media.campaigns".getBytes(java.nio.charset.StandardCharsets.UTF_8), new byte[] {1, 2, 3});
                record.headers().add(io.meshwarden.schemas.DeadLetter.REASON_HEADER,
                        "undecodable".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                producer.send(record).get();
                String scraped = sla.text("/prometheus");
                assertThat(io.meshwarden.sla.metrics.GrafanaDashboard.exported(scraped))
                        .as("metric names the dashboard queries, among those /prometheus exports")
                        .containsAll(dashboard.metricNames());
                assertThat(scraped).contains("meshwarden_dead_letters_total{domain=\"paid-media\",reason=\"undecodable\"");
            });
        }
    }

    private static List<String> ids(String path) {
        Answer answer = sla.get(path);
        assertThat(answer.status()).as(path).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(answer.body().spliterator(), false).map(p -> p.get("id").asText()).toList();
    }

    private static String field(Answer answer, int status) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(status);
        return answer.body().get("field").asText();
    }
}
