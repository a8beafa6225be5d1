package io.meshwarden.quality;

import static io.meshwarden.quality.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.quality.governance.GovernanceTopology;
import io.meshwarden.quality.rolling.QualityFixtures;
import io.meshwarden.quality.rolling.RollingQualityTopology;
import io.meshwarden.quality.rolling.StateCodecs;
import io.meshwarden.schemas.EventSerde;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Every quality-streams store is bounded by the number of products, not by time or traffic: with
 * products loading every minute for hours, the stores hold as many entries after six hours as after
 * two (a product's buckets cover its completeness period and the grace); a retired product leaves
 * the freshness store at once and its buckets and window once its period has passed. Prints the
 * serialized bytes per product of each store.
 */
class StateBoundsTest {
    private static final int PRODUCTS = 20;
    private static final long HOUR = 3_600_000;
    private static final Duration MINUTE = Duration.ofMinutes(1);
    /** A one-hour period in one-minute steps, plus the step being filled and the one in its grace. */
    private static final int BUCKETS_PER_PRODUCT = 60 + 2;

    /**
     * A product's windows close on its own clock; a retired product is silent, so its clock runs on with
     * the wall clock once it has been idle this long ({@code meshwarden.quality.idle.close.ms}, one hour by
     * default), and its buckets drain a period after that.
     */
    private static final Duration IDLE = Duration.ofMinutes(15);

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start(
            io.meshwarden.quality.rolling.QualityOptions.defaults().withIdleCloseMs(IDLE.toMillis()));
    private final TestInputTopic<String, ContractChange> changes = harness.input(Topics.CONTRACT_CHANGES);
    private final TestInputTopic<String, DataProductContract> catalog = harness.input(Topics.CATALOG);
    private final TestInputTopic<String, MetricEvent> metrics = harness.input(Topics.METRICS);
    private Instant now = START;

    @Test
    void storesHoldAsMuchAfterSixHoursAsAfterTwoAndRetiredProductsLeave() {
        for (int i = 0; i < PRODUCTS; i++) {
            changes.pipeInput(product(i), Samples.change(QualityFixtures.contract(product(i), HOUR, 99.5, HOUR)), now);
        }
        load(PRODUCTS, Duration.ofHours(2));
        Map<String, Long> afterTwoHours = entries();
        load(PRODUCTS, Duration.ofHours(4));
        Map<String, Long> afterSixHours = entries();
        System.out.printf(Locale.ROOT, "StateBoundsTest: %d products loading every minute: entries after 2 h %s, after 6 h %s%n",
                PRODUCTS, afterTwoHours, afterSixHours);
        printBytesPerProduct();

        assertThat(afterSixHours).isEqualTo(afterTwoHours);
        assertThat(afterSixHours.get(RollingQualityTopology.BUCKETS_STORE)).isLessThanOrEqualTo((long) PRODUCTS * BUCKETS_PER_PRODUCT);
        assertThat(afterSixHours).containsEntry(RollingQualityTopology.WINDOWS_STORE, (long) PRODUCTS)
                .containsEntry(RollingQualityTopology.FRESHNESS_STORE, (long) PRODUCTS)
                .containsEntry(RollingQualityTopology.CONTRACTS_STORE, (long) PRODUCTS)
                .containsEntry(GovernanceTopology.ACCEPTED_CONTRACTS_STORE, (long) PRODUCTS)
                .as("one clock per product: a product's windows close on its own clock")
                .containsEntry(RollingQualityTopology.CLOCK_STORE, (long) PRODUCTS)
                .containsEntry(RollingQualityTopology.PENDING_STORE, 0L);

        int active = PRODUCTS / 2;
        for (int i = active; i < PRODUCTS; i++) {
            DataProductContract retired = DataProductContract.newBuilder(QualityFixtures.contract(product(i), HOUR, 99.5, HOUR))
                    .setVersion("2.0.0").setStatus(ProductStatus.RETIRED).build();
            catalog.pipeInput(product(i), retired, now);
        }
        assertThat(entries()).as("a retired product is no longer checked for freshness")
                .containsEntry(RollingQualityTopology.FRESHNESS_STORE, (long) active);
        load(active, Duration.ofHours(2));

        Map<String, Long> afterRetirement = entries();
        assertThat(afterRetirement.get(RollingQualityTopology.BUCKETS_STORE)).isLessThanOrEqualTo((long) active * BUCKETS_PER_PRODUCT);
        assertThat(afterRetirement).containsEntry(RollingQualityTopology.WINDOWS_STORE, (long) active)
                .as("its last contract stays, to judge a re-publication by")
                .containsEntry(RollingQualityTopology.CONTRACTS_STORE, (long) PRODUCTS);
    }

    /** The first {@code products} products each load once a minute for {@code duration}, event time as wall clock. */
    private void load(int products, Duration duration) {
        Instant until = now.plus(duration);
        while (now.isBefore(until)) {
            for (int i = 0; i < products; i++) {
                metrics.pipeInput(product(i), QualityFixtures.metric(product(i), 100, 100, now), now);
            }
            now = now.plus(MINUTE);
            harness.driver().advanceWallClockTime(MINUTE);
        }
    }

    private Map<String, Long> entries() {
        Map<String, Long> counts = new LinkedHashMap<>();
        serdes().keySet().forEach(store -> counts.put(store, count(harness.store(store))));
        return counts;
    }

    private void printBytesPerProduct() {
        StringBuilder line = new StringBuilder("StateBoundsTest: serialized bytes per product (1 h period, 1 min steps):");
        serdes().forEach((store, serde) -> line.append(' ').append(store).append('=').append(bytes(harness.store(store), serde) / PRODUCTS));
        System.out.println(line);
    }

    private static Map<String, Serde<?>> serdes() {
        Map<String, Serde<?>> serdes = new LinkedHashMap<>();
        serdes.put(GovernanceTopology.ACCEPTED_CONTRACTS_STORE, new EventSerde<>(DataProductContract.class, OutputFormat.AVRO));
        serdes.put(GovernanceTopology.LINEAGE_STORE, Serdes.String());
        serdes.put(GovernanceTopology.POLICY_SETS_STORE, new EventSerde<>(PolicySet.class, OutputFormat.AVRO));
        serdes.put(RollingQualityTopology.CONTRACTS_STORE, new EventSerde<>(DataProductContract.class, OutputFormat.AVRO));
        serdes.put(RollingQualityTopology.BUCKETS_STORE, StateCodecs.counts());
        serdes.put(RollingQualityTopology.WINDOWS_STORE, StateCodecs.windows());
        serdes.put(RollingQualityTopology.FRESHNESS_STORE, StateCodecs.freshness());
        serdes.put(RollingQualityTopology.CLOCK_STORE, Serdes.Long());
        serdes.put(RollingQualityTopology.DUPLICATES_STORE, Serdes.Long());
        serdes.put(RollingQualityTopology.PENDING_STORE, RollingQualityTopology.pendingSerde());
        return serdes;
    }

    private static long count(KeyValueStore<String, Object> store) {
        long count = 0;
        try (KeyValueIterator<String, Object> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    @SuppressWarnings("unchecked")
    private static long bytes(KeyValueStore<String, Object> store, Serde<?> serde) {
        Serde<Object> values = (Serde<Object>) serde;
        long total = 0;
        try (KeyValueIterator<String, Object> all = store.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                total += entry.key.getBytes(StandardCharsets.UTF_8).length + values.serializer().serialize("", entry.value).length;
            }
        }
        return total;
    }

    private static String product(int index) {
        return String.format(Locale.ROOT, "paid-media.bounded-%02d", index);
    }
}
