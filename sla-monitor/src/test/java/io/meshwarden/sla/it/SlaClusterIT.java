package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Samples;
import io.meshwarden.sla.it.SlaService.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two SLA monitors of one application (same application id, 4 partitions) on a real broker, in one
 * JVM, each with its own state directory and free HTTP port: either answers every product's detail,
 * violations and alert identically (forwarded to the instance holding it), either's lists hold every
 * product, a command sent to the instance that does not hold the alert changes it, and once one
 * instance closes the other answers for every product. The last test closes A, so the order is fixed.
 */
@EmbeddedKafka
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlaClusterIT {
    private static final int PRODUCTS = 20;
    private static final String RULE = "naming.product-id";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<String> IDS = IntStream.range(0, PRODUCTS)
            .mapToObj(i -> String.format(Locale.ROOT, "domain%d.product-%02d", i % 4, i)).toList();
    /** The catalog's order: by domain, then id. */
    private static final List<String> BY_DOMAIN = IDS.stream().sorted().toList();
    private static SlaService a;
    private static SlaService b;

    @BeforeAll
    static void start(EmbeddedKafkaBroker kafka, @TempDir Path state) {
        // No standby copies: what each instance answers for is exactly the partitions it runs.
        Map<String, String> settings = Map.of("meshwarden.topic.partitions", "4", "kafka.num.standby.replicas", "0",
                "meshwarden.sla.punctuate.interval.ms", "500");
        a = new SlaService(kafka.bootstrapServers(), state.resolve("a"), settings);
        b = new SlaService(kafka.bootstrapServers(), state.resolve("b"), settings);
        Instant now = Instant.now();
        for (int i = 0; i < PRODUCTS; i++) {
            DataProductContract contract = Samples.contract(IDS.get(i));
            // Each product reads the one before it, so lineage crosses partitions and instances.
            contract.setUpstreamProducts(i == 0 ? List.of() : List.of(IDS.get(i - 1)));
            a.contract(contract);
            a.snapshot(snapshot(IDS.get(i), now));
            a.violation(IDS.get(i), RULE, Severity.WARNING, ViolationStatus.BREACH, now.minusSeconds(i));
        }
        for (SlaService instance : List.of(a, b)) {
            await().atMost(WAIT).until(() -> {
                Answer alerts = instance.get("/api/alerts?limit=5000");
                return alerts.status() == 200 && alerts.body().size() == PRODUCTS && "false".equals(alerts.header("Meshwarden-Partial"));
            });
        }
    }

    @AfterAll
    static void stop() {
        for (SlaService instance : new SlaService[] {b, a}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    @Order(1)
    void eitherInstanceAnswersEveryProductIdenticallyFromTheInstanceHoldingIt() {
        Set<String> owners = new HashSet<>();
        for (int i = 0; i < PRODUCTS; i++) {
            String id = IDS.get(i);
            for (String path : List.of("/api/products/" + id, "/api/violations?productId=" + id,
                    "/api/alerts?productId=" + id, "/api/alerts/" + id + "/" + RULE, "/api/products/" + id + "/snapshot")) {
                Answer fromA = a.get(path);
                Answer fromB = b.get(path);
                assertThat(fromA.status()).as("A " + path).isEqualTo(200);
                assertThat(fromB.status()).as("B " + path).isEqualTo(200);
                assertThat(fromB.body()).as(path).isEqualTo(fromA.body());
                assertThat(fromB.header("Meshwarden-Answered-By")).as(path).isEqualTo(fromA.header("Meshwarden-Answered-By"));
                assertThat(fromA.header("Meshwarden-Partial")).as(path).isEqualTo("false");
            }
            JsonNode detail = a.get("/api/products/" + id).body();
            assertThat(detail.at("/product/id").asText()).isEqualTo(id);
            assertThat(detail.at("/latestSnapshot/productId").asText()).as("snapshot of " + id).isEqualTo(id);
            assertThat(texts(detail.get("downstream"))).as("downstream of " + id)
                    .isEqualTo(i == PRODUCTS - 1 ? List.of() : List.of(IDS.get(i + 1)));
            assertThat(texts(detail.get("upstream"))).isEqualTo(i == 0 ? List.of() : List.of(IDS.get(i - 1)));
            assertThat(detail.get("alerts")).extracting(alert -> alert.get("alertId").asText()).containsExactly(id + "/" + RULE);
            assertThat(a.get("/api/violations?productId=" + id).body()).hasSize(1);
            owners.add(owner(id));
        }
        // Both instances hold some of the products, so half the answers above were forwarded.
        assertThat(owners).hasSize(2).doesNotContain("", null);
        assertThat(a.get("/api/products/domain0.nothing").status()).isEqualTo(404);
        assertThat(b.get("/api/products/domain0.nothing").body().get("field").asText()).isEqualTo("productId");
        assertThat(b.get("/api/alerts/" + IDS.get(0) + "/no-such-rule").body().get("field").asText()).isEqualTo("alertId");
    }

    @Test
    @Order(2)
    void listsFromEitherInstanceHoldEveryProduct() {
        for (SlaService instance : List.of(a, b)) {
            Answer catalog = instance.get("/api/catalog");
            assertThat(ids(catalog.body(), "id")).containsExactlyElementsOf(BY_DOMAIN);
            assertThat(catalog.header("Meshwarden-Partial")).isEqualTo("false");
            assertThat(catalog.header("Meshwarden-Answered-By").split(",")).hasSize(2);
            assertThat(ids(instance.get("/api/alerts?active=true").body(), "productId")).containsExactlyInAnyOrderElementsOf(IDS);
            assertThat(ids(instance.get("/api/violations?limit=1000").body(), "productId")).containsExactlyElementsOf(IDS);
            // The dashboard's own calls, as it makes them behind either instance.
            assertThat(ids(instance.get("/api/violations?limit=15").body(), "productId")).isEqualTo(IDS.subList(0, 15));
            assertThat(ids(instance.get("/api/catalog?upstream=" + IDS.get(4)).body(), "id")).containsExactly(IDS.get(5));
            JsonNode summary = instance.get("/api/summary").body();
            assertThat(summary).extracting(domain -> domain.get("domain").asText())
                    .containsExactly("domain0", "domain1", "domain2", "domain3");
            summary.forEach(domain -> {
                assertThat(domain.get("products").asInt()).isEqualTo(PRODUCTS / 4);
                assertThat(domain.get("warning").asInt()).isEqualTo(PRODUCTS / 4);
                assertThat(domain.get("openAlerts").asInt()).isEqualTo(PRODUCTS / 4);
                assertThat(domain.get("tiles")).hasSize(PRODUCTS / 4);
            });
        }
        // A page is cut from the merge of every instance's newest matches, the same from either.
        List<String> newest = ids(a.get("/api/violations?limit=1000").body(), "productId");
        assertThat(ids(a.get("/api/violations?offset=5&limit=7").body(), "productId")).isEqualTo(newest.subList(5, 12));
        assertThat(ids(b.get("/api/violations?offset=5&limit=7").body(), "productId")).isEqualTo(newest.subList(5, 12));
        assertThat(ids(b.get("/api/alerts?limit=3").body(), "productId")).hasSize(3);
        // In the local scope an instance answers for its own partitions only: the two shares make the whole.
        List<String> shares = new ArrayList<>();
        for (SlaService instance : List.of(a, b)) {
            Answer local = instance.get("/api/catalog", Map.of("Meshwarden-Scope", "local"));
            assertThat(local.body().size()).isBetween(1, PRODUCTS - 1);
            shares.addAll(ids(local.body(), "id"));
        }
        assertThat(shares).containsExactlyInAnyOrderElementsOf(IDS);
        assertThat(a.get("/api/catalog", Map.of("Meshwarden-Scope", "everywhere")).body().get("field").asText())
                .isEqualTo("Meshwarden-Scope");
        assertThat(a.get("/api/violations?limit=1001").body().get("field").asText()).isEqualTo("limit");
    }

    @Test
    @Order(3)
    void anAlertAcknowledgedThroughTheInstanceNotHoldingItChangesState() {
        String heldByA = IDS.stream().filter(id -> owner(id).equals(address(a))).findFirst().orElseThrow();
        String alert = "/api/alerts/" + heldByA + "/" + RULE;

        Answer accepted = b.post(alert + "/acknowledge", "{\"actor\": \"ana\", \"reason\": \"on it\"}");

        assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(202);
        a.awaitJson(alert, view -> view.get("state").asText().equals("ACKNOWLEDGED"));
        assertThat(b.get(alert).body().get("acknowledgedBy").asText()).isEqualTo("ana");
        assertThat(b.post("/api/alerts/" + heldByA + "/no-such-rule/acknowledge", "{\"actor\": \"ana\"}").status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void onceOneInstanceClosesTheOtherAnswersForEveryProduct() {
        List<String> heldByA = IDS.stream().filter(id -> owner(id).equals(address(a))).toList();
        assertThat(heldByA).isNotEmpty();

        a.close();
        a = null;

        await().atMost(WAIT).untilAsserted(() -> {
            for (String id : IDS) {
                Answer detail = b.get("/api/products/" + id);
                assertThat(detail.status()).as(id).isEqualTo(200);
                assertThat(detail.header("Meshwarden-Answered-By")).isEqualTo(address(b));
                // Until the taken-over snapshot task has restored, a stale read of it rightly finds none yet.
                assertThat(detail.body().at("/latestSnapshot/productId").asText()).as("snapshot of " + id).isEqualTo(id);
            }
            Answer catalog = b.get("/api/catalog");
            assertThat(catalog.header("Meshwarden-Partial")).isEqualTo("false");
            assertThat(ids(catalog.body(), "id")).containsExactlyElementsOf(BY_DOMAIN);
        });
        assertThat(ids(b.get("/api/violations?limit=1000").body(), "productId")).containsExactlyElementsOf(IDS);
    }

    private static String owner(String productId) {
        return b.get("/api/alerts/" + productId + "/" + RULE).header("Meshwarden-Answered-By");
    }

    private static String address(SlaService instance) {
        return instance.url().replaceFirst("^http://", "").replaceFirst("/$", "");
    }

    static QualitySnapshot snapshot(String productId, Instant at) {
        return QualitySnapshot.newBuilder().setProductId(productId).setWindowStart(at.minusSeconds(3600)).setWindowEnd(at)
                .setRecordsReceived(995).setRecordsExpected(1000).setCompleteness(0.995)
                .setRequiredFieldCompleteness(Map.of("campaign_id", 1.0)).setNewestRecordTime(at)
                .setCompletenessTarget(0.99).setComputedAt(at).build();
    }

    private static List<String> ids(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.get(field).asText()).toList();
    }

    /** The texts of an array; Micronaut leaves an empty one out. */
    private static List<String> texts(JsonNode array) {
        return array == null ? List.of() : StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
