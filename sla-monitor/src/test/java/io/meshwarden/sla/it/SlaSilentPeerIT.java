package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Samples;
import io.meshwarden.sla.it.SlaService.Answer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance that runs its partitions but does not answer over HTTP, as one that just died looks to the
 * others until the group rebalances: it advertises an address where nothing listens, so the test needs
 * no timing. Without standby copies, lists from the other instance say they are partial and name it,
 * and reads of its products are a 503 naming it, never a silent 404 or a short list. With a standby
 * copy on the other instance, that copy answers, with its lag.
 */
@EmbeddedKafka
class SlaSilentPeerIT {
    private static final int PRODUCTS = 12;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<String> IDS = IntStream.range(0, PRODUCTS)
            .mapToObj(i -> String.format(Locale.ROOT, "domain%d.product-%02d", i % 3, i)).toList();

    @Test
    void listsSayTheyArePartialAndReadsOfTheSilentInstancesProductsNameIt(EmbeddedKafkaBroker kafka, @TempDir Path state)
            throws IOException {
        withSilentPeer(kafka, state, 0, (a, silent) -> {
            await().atMost(WAIT).untilAsserted(() -> {
                List<String> answered = new ArrayList<>();
                for (String id : IDS) {
                    Answer detail = a.get("/api/products/" + id);
                    if (detail.status() == 200) {
                        answered.add(id);
                    } else {
                        assertThat(detail.status()).as(id + ": " + detail.body()).isEqualTo(503);
                        assertThat(detail.header("Meshwarden-Unanswered")).isEqualTo(silent);
                        assertThat(detail.body().get("error").asText()).contains(silent);
                    }
                }
                assertThat(answered).hasSizeBetween(1, PRODUCTS - 1);
                Answer catalog = a.get("/api/catalog");
                assertThat(catalog.status()).isEqualTo(200);
                assertThat(catalog.header("Meshwarden-Partial")).isEqualTo("true");
                assertThat(catalog.header("Meshwarden-Unanswered")).isEqualTo(silent);
                assertThat(catalog.header("Meshwarden-Missing-Partitions")).startsWith("catalog-store/");
                assertThat(ids(catalog.body())).containsExactlyInAnyOrderElementsOf(answered);
                Answer violations = a.get("/api/violations");
                assertThat(violations.header("Meshwarden-Partial")).isEqualTo("true");
                assertThat(violations.body()).hasSize(answered.size());
            });
            assertThat(a.get("/api/summary").header("Meshwarden-Partial")).isEqualTo("true");
            assertThat(a.get("/api/alerts").header("Meshwarden-Unanswered")).isEqualTo(silent);
        });
    }

    @Test
    void aStandbyCopyAnswersForTheSilentInstanceAndSaysHowFarBehindItIs(EmbeddedKafkaBroker kafka, @TempDir Path state)
            throws IOException {
        withSilentPeer(kafka, state, 1, (a, silent) -> {
            await().atMost(WAIT).untilAsserted(() -> {
                int fromStandby = 0;
                for (String id : IDS) {
                    assertThat(a.get("/api/products/" + id).status()).as(id).isEqualTo(200);
                    Answer alert = a.get("/api/alerts/" + id + "/naming.product-id");
                    assertThat(alert.status()).as(id + ": " + alert.body()).isEqualTo(200);
                    assertThat(alert.body().get("productId").asText()).isEqualTo(id);
                    if (alert.header("Meshwarden-Standby-Lag") != null) {
                        fromStandby++;
                        assertThat(alert.header("Meshwarden-Unanswered")).isEqualTo(silent);
                        assertThat(alert.header("Meshwarden-Standby-Lag")).matches("alerts-store/\\d+=\\d+");
                    }
                }
                assertThat(fromStandby).isBetween(1, PRODUCTS - 1);
                Answer catalog = a.get("/api/catalog");
                assertThat(catalog.header("Meshwarden-Partial")).isEqualTo("false");
                assertThat(catalog.header("Meshwarden-Unanswered")).isEqualTo(silent);
                assertThat(catalog.header("Meshwarden-Standby-Lag")).contains("catalog-store/");
                assertThat(ids(catalog.body())).containsExactlyInAnyOrderElementsOf(IDS);
            });
        });
    }

    /**
     * Instance A and a silent one (same application, this many standby copies), the products published;
     * then the check, given A and the silent instance's advertised address.
     */
    private static void withSilentPeer(EmbeddedKafkaBroker kafka, Path state, int standbys,
                                       BiConsumer<SlaService, String> check) throws IOException {
        String silent = "localhost:" + deadPort();
        String run = "standbys" + standbys;
        try (SlaService a = instance(kafka, state.resolve("a"), run, standbys, "");
             SlaService ghost = instance(kafka, state.resolve("ghost"), run, standbys, silent)) {
            publish(a);
            awaitBothRunPartitions(a, ghost, silent);
            check.accept(a, silent);
        }
    }

    /**
     * The precondition of every check: A's Kafka Streams metadata has the silent instance running some of
     * the catalog's partitions and A the others. It takes a follow-up rebalance after the silent one joins
     * (its tasks must first be revoked from A), and longer when the assignor keeps them on A until a
     * probing rebalance; the failure says what A saw.
     */
    private static void awaitBothRunPartitions(SlaService a, SlaService ghost, String silent) {
        String self = a.url().replaceFirst("^http://", "").replaceFirst("/$", "");
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, SortedSet<Integer>> owners = a.catalogOwners();
            assertThat(owners).as("catalog partitions by instance in A's metadata (A is %s, the silent one %s, "
                            + "A's state %s, the silent one's %s)", self, silent, a.streamsState(), ghost.streamsState())
                    .hasEntrySatisfying(silent, partitions -> assertThat(partitions).isNotEmpty())
                    .hasEntrySatisfying(self, partitions -> assertThat(partitions).isNotEmpty());
        });
    }

    private static SlaService instance(EmbeddedKafkaBroker kafka, Path state, String run, int standbys, String advertised) {
        return new SlaService(kafka.bootstrapServers(), state, Map.of("meshwarden.topic.partitions", "4",
                "meshwarden.topic.prefix", run + ".", "meshwarden.application.id.prefix", run,
                "kafka.num.standby.replicas", Integer.toString(standbys), "meshwarden.application.server", advertised,
                "meshwarden.sla.peer.timeout.ms", "1000"));
    }

    private static void publish(SlaService sla) {
        Instant now = Instant.now();
        for (int i = 0; i < PRODUCTS; i++) {
            sla.contract(Samples.contract(IDS.get(i)));
            sla.snapshot(SlaClusterIT.snapshot(IDS.get(i), now));
            sla.violation(IDS.get(i), "naming.product-id", Severity.WARNING, ViolationStatus.BREACH, now.minusSeconds(i));
        }
    }

    /** A port nothing listens on: bound for a moment by this test, then released. */
    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.get("id").asText()).toList();
    }
}
