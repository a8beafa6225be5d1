package io.meshwarden.sla.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.sla.alerts.AlertTrack;
import io.meshwarden.sla.alerts.SlaPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Bounded state: under a steady flood of freshness episodes, each with violation ids of its own,
 * the SLA stores stop growing once the retention has passed, and what was resolved within the
 * retention is still there. Prints the serialized bytes per product of each store.
 */
class SlaRetentionTest {
    private static final Duration RETENTION = Duration.ofDays(1);
    private static final SlaPolicy POLICY = new SlaPolicy(Duration.ofMinutes(15), Duration.ofHours(4), 3,
            Duration.ofMinutes(30), "https://runbooks.example/sla/", Duration.ofMinutes(1), RETENTION);
    private static final int PRODUCTS = 50;
    private static final int EPISODES = 10_000;
    private static final int EPISODES_PER_DAY = 1_000;
    /** Two violations per episode for a retention and a check interval (an hour), and one open breach per product. */
    private static final int BOUND = 2 * EPISODES_PER_DAY * 25 / 24 + 2 * PRODUCTS;

    @AutoClose
    private final SlaHarness sla = new SlaHarness(POLICY);
    private final KeyValueStore<String, Violation> violations = sla.store(SlaStores.VIOLATIONS);
    private final KeyValueStore<String, Alert> alerts = sla.store(SlaStores.ALERTS);
    private final KeyValueStore<String, AlertTrack> tracks = sla.store(SlaStores.ALERT_TRACKS);
    private final KeyValueStore<String, AvailabilityState> availability = sla.store(SlaStores.AVAILABILITY);

    @Test
    void violationStoreStopsGrowingUnderASteadyFloodOfEpisodes() {
        sla.breach("paid-media.never-recovers", "freshness", Severity.BLOCKING);
        Duration half = Duration.ofDays(1).dividedBy(EPISODES_PER_DAY * 2L);
        long largest = 0;
        for (int episode = 0; episode < EPISODES; episode++) {
            String product = product(episode % PRODUCTS);
            sla.breach(product, "freshness", Severity.BLOCKING);
            sla.advance(half);
            sla.recover(product, "freshness", Severity.BLOCKING);
            sla.advance(half);
            if (episode % (EPISODES_PER_DAY / 24) == 0) {
                largest = Math.max(largest, all(violations).size());
            }
        }
        System.out.printf(Locale.ROOT, "SlaRetentionTest: %d episodes over %d days, retention %s: violations-store peaked at "
                + "%d entries (bound %d, %d without retention)%n", EPISODES, EPISODES / EPISODES_PER_DAY, RETENTION, largest,
                BOUND, 2 * EPISODES + 1);
        printBytesPerProduct();

        assertThat(largest).isLessThanOrEqualTo(BOUND);
        Instant now = sla.now();
        List<Violation> kept = all(violations).stream().map(entry -> entry.value).toList();
        long resolvedWithinRetention = 2L * EPISODES_PER_DAY * 23 / 24;
        assertThat(kept).as("everything detected within the last 23 hours is kept")
                .filteredOn(v -> v.getDetectedAt().isAfter(now.minus(Duration.ofHours(23)))).hasSizeGreaterThanOrEqualTo(
                        (int) resolvedWithinRetention);
        assertThat(kept).as("nothing closed before the retention and its check interval is kept")
                .filteredOn(v -> v.getStatus() == ViolationStatus.RECOVERY)
                .allSatisfy(v -> assertThat(v.getDetectedAt()).isAfter(now.minus(RETENTION).minus(Duration.ofHours(1))));
        assertThat(kept).as("the breach that never recovered is open and stays")
                .anySatisfy(v -> assertThat(v.getProductId()).isEqualTo("paid-media.never-recovers"));
        assertThat(all(alerts)).hasSizeLessThanOrEqualTo(PRODUCTS + 1);
        assertThat(all(tracks)).hasSizeLessThanOrEqualTo(PRODUCTS + 1);
    }

    @Test
    void resolvedAlertsAndClosedEpisodesLeaveAfterTheRetention() {
        sla.breach("paid-media.campaigns", "freshness", Severity.BLOCKING);
        sla.advance(Duration.ofMinutes(5));
        sla.recover("paid-media.campaigns", "freshness", Severity.BLOCKING);
        sla.breach("paid-media.still-down", "freshness", Severity.BLOCKING);
        sla.advance(Duration.ofMinutes(1));
        assertThat(all(violations)).hasSize(3);

        sla.advance(RETENTION.minus(Duration.ofMinutes(10)));
        assertThat(all(violations)).as("within the retention").hasSize(3);
        assertThat(alerts.get("paid-media.campaigns/freshness")).isNotNull();

        sla.advance(Duration.ofHours(2));
        assertThat(all(violations)).extracting(entry -> entry.value.getProductId()).containsExactly("paid-media.still-down");
        assertThat(alerts.get("paid-media.campaigns/freshness")).isNull();
        assertThat(tracks.get("paid-media.campaigns/freshness")).isNull();
        assertThat(alerts.get("paid-media.still-down/freshness")).as("open").isNotNull();
    }

    @Test
    void aViolationSupersededByTheNextOfItsRuleLeavesWhileTheLatestStays() {
        sla.breach("paid-media.campaigns", "naming.product-id", Severity.WARNING);
        sla.advance(Duration.ofHours(1));
        sla.breach("paid-media.campaigns", "naming.product-id", Severity.WARNING);

        sla.advance(RETENTION.plus(Duration.ofHours(2)));

        assertThat(all(violations)).singleElement()
                .satisfies(entry -> assertThat(entry.value.getDetectedAt()).isEqualTo(sla.now().minus(RETENTION)
                        .minus(Duration.ofHours(2))));
    }

    @Test
    void availabilityForgetsAProductWithoutOutagesThisMonth() {
        sla.breach("paid-media.campaigns", "freshness", Severity.BLOCKING);
        sla.advance(Duration.ofMinutes(5));
        sla.recover("paid-media.campaigns", "freshness", Severity.BLOCKING);
        sla.advance(Duration.ofMinutes(1));
        assertThat(availability.get("paid-media.campaigns")).isNotNull();

        sla.advance(Duration.ofDays(31));

        assertThat(availability.get("paid-media.campaigns")).isNull();
    }

    private void printBytesPerProduct() {
        Map<String, Long> bytes = new LinkedHashMap<>();
        bytes.put(SlaStores.VIOLATIONS, bytes(violations, SlaStores.avro(Violation.class)));
        bytes.put(SlaStores.ALERTS, bytes(alerts, new AlertStateSerde()));
        bytes.put(SlaStores.ALERT_TRACKS, bytes(tracks, SlaStateCodecs.alertTracks()));
        bytes.put(SlaStores.AVAILABILITY, bytes(availability, SlaStateCodecs.availability()));
        StringBuilder line = new StringBuilder("SlaRetentionTest: serialized bytes per product at steady state (20 episodes a day):");
        bytes.forEach((store, total) -> line.append(' ').append(store).append('=').append(total / PRODUCTS));
        System.out.println(line);
    }

    private static <V> long bytes(KeyValueStore<String, V> store, Serde<V> serde) {
        long total = 0;
        for (KeyValue<String, V> entry : all(store)) {
            total += entry.key.getBytes(StandardCharsets.UTF_8).length + serde.serializer().serialize("", entry.value).length;
        }
        return total;
    }

    private static <V> List<KeyValue<String, V>> all(KeyValueStore<String, V> store) {
        List<KeyValue<String, V>> entries = new ArrayList<>();
        try (KeyValueIterator<String, V> iterator = store.all()) {
            iterator.forEachRemaining(entries::add);
        }
        return entries;
    }

    private static String product(int index) {
        return String.format(Locale.ROOT, "paid-media.flood-%02d", index);
    }
}
