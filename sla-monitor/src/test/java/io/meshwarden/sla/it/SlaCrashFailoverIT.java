package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertState;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.kafka.embedded.EmbeddedKafkaCluster;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.sla.it.SlaService.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two SLA monitors of one application on three in-process KRaft brokers (topics replicated 3 times,
 * 2 in sync); instance B crashes, as a {@code kill -9} leaves it to the group (its Kafka Streams stops
 * without leaving, its HTTP server stops), while breaches keep coming. The alert topic, read as
 * committed, then holds exactly one OPEN and one RESOLVED per episode, none lost and none repeated;
 * the survivor answers every read of every product throughout (from its standby copy, then its own
 * copy read stale while the group rebalances) and answers every product itself within
 * {@link #TAKEOVER_BOUND}; a broker stops; B
 * restarts on its state directory and takes its share back. The times are printed (BENCHMARKS.md,
 * "Issue 9: recovery times").
 */
class SlaCrashFailoverIT {
    private static final int PRODUCTS = 24;
    private static final String KEPT = "naming.product-id";
    private static final String LATER = "metadata.ownership";
    /**
     * The issue aims at 10 s (a 6 s session, then a rebalance); the bound leaves room for a loaded 2-core build
     * machine running three brokers and both instances in one JVM, where the survivor's stream thread may take
     * seconds to rejoin (its exactly-once commits retried while the brokers are slow).
     */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<String> IDS = IntStream.range(0, PRODUCTS)
            .mapToObj(i -> String.format(Locale.ROOT, "domain%d.product-%02d", i % 4, i)).toList();

    @Test
    void aCrashLosesAndRepeatsNoAlertTheSurvivorAnswersEveryProductAndTheRestartedInstanceResumes(@TempDir Path state)
            throws InterruptedException {
        Map<String, String> settings = Map.of("meshwarden.topic.partitions", "4", "meshwarden.sla.punctuate.interval.ms", "500");
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3);
             SlaService a = new SlaService(cluster.bootstrapServers(), state.resolve("a"), settings);
             SlaService b = new SlaService(cluster.bootstrapServers(), state.resolve("b"), settings);
             TopicTail tail = TopicTail.of(cluster.bootstrapServers(), a.config.topics().name(Topics.ALERTS))) {
            Instant start = Instant.now();
            for (String id : IDS) {
                a.contract(Samples.contract(id));
                a.snapshot(SlaClusterIT.snapshot(id, start));
                a.violation(id, KEPT, Severity.WARNING, ViolationStatus.BREACH, start);
            }
            await().atMost(WAIT).until(() -> count(tail, KEPT, AlertState.OPEN) == PRODUCTS);
            awaitBothRunPartitions(a, b);
            List<String> heldByB = IDS.stream().filter(id -> address(b).equals(answeredBy(a, id))).toList();
            assertThat(heldByB).isNotEmpty().hasSizeLessThan(PRODUCTS);

            Repeats repeats = new Repeats(a, start.plusSeconds(1));
            long closing = System.nanoTime();
            b.crash();
            // From here on the group sees what it sees of a killed process: a member that no longer heartbeats.
            long crashed = System.nanoTime();
            long closeMs = (crashed - closing) / 1_000_000;
            repeats.start();
            for (String id : IDS) {
                a.violation(id, LATER, Severity.WARNING, ViolationStatus.BREACH, start.plusSeconds(1));
            }
            List<String> refused = new CopyOnWriteArrayList<>();
            long answersEverything = millisUntil(crashed, TAKEOVER_BOUND, () -> {
                readEveryProduct(a, refused);
                answersEveryProductItself(a);
            });
            assertThat(refused).as("reads A refused during the failover, although it holds a copy of every partition")
                    .isEmpty();
            long resumed = millisUntil(crashed, WAIT, () -> assertThat(count(tail, LATER, AlertState.OPEN)).isEqualTo(PRODUCTS));
            repeats.stop();

            int broker = 1;
            cluster.stop(broker);
            for (String id : IDS) {
                a.violation(id, KEPT, Severity.WARNING, ViolationStatus.RECOVERY, repeats.last().plusSeconds(1));
            }
            await().atMost(WAIT).until(() -> count(tail, KEPT, AlertState.RESOLVED) == PRODUCTS);

            long restarted = System.nanoTime();
            b.restart();
            long backInGroup = millisUntil(restarted, WAIT, () -> awaitBothRunPartitions(a, b));
            for (String id : IDS) {
                b.violation(id, LATER, Severity.WARNING, ViolationStatus.RECOVERY, repeats.last().plusSeconds(2));
            }
            await().atMost(WAIT).until(() -> count(tail, LATER, AlertState.RESOLVED) == PRODUCTS);
            long restartResumed = millisSince(restarted);
            cluster.restart(broker);

            Map<String, Long> events = tail.poll().stream().map(record -> EventCodec.of(Alert.class).decode(record.value()))
                    .collect(Collectors.groupingBy(alert -> alert.getAlertId() + " " + alert.getState(), TreeMap::new,
                            Collectors.counting()));
            Map<String, Long> expected = new TreeMap<>();
            for (String id : IDS) {
                for (String rule : List.of(KEPT, LATER)) {
                    expected.put(id + "/" + rule + " " + AlertState.OPEN, 1L);
                    expected.put(id + "/" + rule + " " + AlertState.RESOLVED, 1L);
                }
            }
            assertThat(events).as("alert events by alert id and state, %d repeated breaches sent during the failover",
                    repeats.sent()).isEqualTo(expected);
            assertThat(b.get("/api/products/" + heldByB.get(0)).status()).isEqualTo(200);
            assertThat(IDS.stream().map(id -> answeredBy(a, id)).distinct()).containsExactlyInAnyOrder(address(a), address(b));
            System.out.printf(Locale.ROOT, "SlaCrashFailoverIT: crash of B (%d of %d products, closed in %.1f s) -> A answers "
                            + "every product itself %.1f s, every owed alert out %.1f s; restart of B -> back in the group %.1f s, "
                            + "its alerts out %.1f s; %d repeated breaches during the failover%n", heldByB.size(), PRODUCTS,
                    closeMs / 1000.0, answersEverything / 1000.0, resumed / 1000.0, backInGroup / 1000.0,
                    restartResumed / 1000.0, repeats.sent());
        }
    }

    /**
     * Every product's detail as A gives it at this moment, whoever answers: before the group notices the
     * crash, A's standby copy of B's partitions; while it rebalances, A's own copy read stale. A refusal
     * is recorded.
     */
    private static void readEveryProduct(SlaService a, List<String> refused) {
        for (String id : IDS) {
            Answer detail = a.get("/api/products/" + id);
            if (detail.status() != 200) {
                refused.add(id + ": " + detail.status() + " " + detail.body());
            }
        }
    }

    /** A's answers, each from its own active copy: every product's detail, and the catalog whole. */
    private static void answersEveryProductItself(SlaService a) {
        for (String id : IDS) {
            Answer detail = a.get("/api/products/" + id);
            assertThat(detail.status()).as(id).isEqualTo(200);
            assertThat(detail.header("Meshwarden-Answered-By")).as(id).isEqualTo(address(a));
            assertThat(detail.header("Meshwarden-Unanswered")).as(id).isNull();
            assertThat(detail.header("Meshwarden-Standby-Lag")).as(id).isNull();
        }
        Answer catalog = a.get("/api/catalog");
        assertThat(catalog.header("Meshwarden-Partial")).isEqualTo("false");
        assertThat(catalog.header("Meshwarden-Unanswered")).isNull();
        assertThat(StreamSupport.stream(catalog.body().spliterator(), false).map(node -> node.get("id").asText()))
                .containsExactlyInAnyOrderElementsOf(IDS);
    }

    /** Waits until A's Kafka Streams metadata has both instances running some of the catalog's partitions. */
    private static void awaitBothRunPartitions(SlaService a, SlaService b) {
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, SortedSet<Integer>> owners = a.catalogOwners();
            assertThat(owners).as("catalog partitions by instance in A's metadata (A %s, B %s)", address(a), address(b))
                    .hasEntrySatisfying(address(a), partitions -> assertThat(partitions).isNotEmpty())
                    .hasEntrySatisfying(address(b), partitions -> assertThat(partitions).isNotEmpty());
        });
    }

    /** Milliseconds from {@code since} until the check passes, waiting at most {@code bound}. */
    private static long millisUntil(long since, Duration bound, Runnable check) {
        await().atMost(bound.minusNanos(System.nanoTime() - since)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(check::run);
        return millisSince(since);
    }

    private static long millisSince(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static long count(TopicTail tail, String rule, AlertState state) {
        return tail.poll().stream().map(record -> EventCodec.of(Alert.class).decode(record.value()))
                .filter(alert -> alert.getSlaKind().equals(rule) && alert.getState() == state).count();
    }

    private static String answeredBy(SlaService instance, String productId) {
        return instance.get("/api/alerts/" + productId + "/" + KEPT).header("Meshwarden-Answered-By");
    }

    private static String address(SlaService instance) {
        return instance.url().replaceFirst("^http://", "").replaceFirst("/$", "");
    }

    /** Breaches of the open episodes, sent again and again from another thread until stopped: counted, never re-opened. */
    private static final class Repeats {
        private final SlaService via;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicLong at;
        private final List<Throwable> failures = new ArrayList<>();
        private Thread thread;

        Repeats(SlaService via, Instant from) {
            this.via = via;
            this.at = new AtomicLong(from.toEpochMilli());
        }

        void start() {
            thread = new Thread(() -> {
                try {
                    while (running.get()) {
                        Instant when = Instant.ofEpochMilli(at.incrementAndGet());
                        for (String id : IDS) {
                            via.violation(id, KEPT, Severity.WARNING, ViolationStatus.BREACH, when);
                            sent.incrementAndGet();
                        }
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "repeated-breaches");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
            assertThat(failures).as("failures sending the repeated breaches").isEmpty();
        }

        int sent() {
            return sent.get();
        }

        Instant last() {
            return Instant.ofEpochMilli(at.get());
        }
    }
}
