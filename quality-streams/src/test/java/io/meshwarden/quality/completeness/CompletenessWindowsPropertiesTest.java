package io.meshwarden.quality.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.quality.rolling.StateCodecs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import java.util.Properties;
import io.meshwarden.config.MeshwardenConfig;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** Invariants of the rolling windows, over random measurements, periods and arrival orders within the grace period. */
class CompletenessWindowsPropertiesTest {
    private static final Properties STREAMS_CONFIG = MeshwardenConfig.defaults(Map.of()).streamsProperties("properties-test");

    private static final long STEP = 60_000;
    private static final long GRACE = 60_000;
    private static final String PRODUCT = "paid-media.campaign-performance";

    record Measurement(long eventTime, long loaded, long expected, long nulls) {
    }

    @Property(tries = 200)
    void completenessStaysWithinZeroAndOne(@ForAll("measurements") List<Measurement> measurements,
                                           @ForAll @IntRange(min = 1, max = 10) int periodSteps) {
        List<Counts> windows = closeAll(measurements, periodSteps);

        assertThat(windows).isNotEmpty().allSatisfy(window -> {
            assertThat(window.completeness()).isNotNull().isBetween(0.0, 1.0);
            assertThat(window.fieldCompleteness(List.of("clicks")).values()).allSatisfy(ratio -> assertThat(ratio).isBetween(0.0, 1.0));
        });
    }

    @Property(tries = 200)
    void overlappingWindowCountsAddUpToTheRecordsSent(@ForAll("measurements") List<Measurement> measurements,
                                                      @ForAll @IntRange(min = 1, max = 10) int periodSteps) {
        List<Counts> windows = closeAll(measurements, periodSteps);

        long sent = measurements.stream().mapToLong(Measurement::loaded).sum();
        long expected = measurements.stream().mapToLong(Measurement::expected).sum();
        // Every step bucket lies in exactly periodSteps overlapping windows, each judged once.
        assertThat(windows.stream().mapToLong(Counts::received).sum()).isEqualTo(periodSteps * sent);
        assertThat(windows.stream().mapToLong(Counts::expected).sum()).isEqualTo(periodSteps * expected);
        assertThat(windows.stream().mapToLong(Counts::metrics).sum()).isEqualTo((long) periodSteps * measurements.size());
    }

    @Provide
    Arbitrary<List<Measurement>> measurements() {
        Arbitrary<Measurement> one = Combinators.combine(
                Arbitraries.longs().between(0, 6 * 3_600_000L),
                Arbitraries.longs().between(0, 10_000),
                Arbitraries.longs().between(1, 10_000),
                Arbitraries.longs().between(0, 20_000)).as(Measurement::new);
        return one.list().ofMinSize(1).ofMaxSize(60);
    }

    /** Feeds the measurements in event-time order, shuffled within the grace period, and closes every window. */
    private static List<Counts> closeAll(List<Measurement> measurements, int periodSteps) {
        // The application's own Streams config, as production runs with (the default one warns per try).
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(STREAMS_CONFIG);
        CompletenessWindows windows = new CompletenessWindows(store(context, "buckets", StateCodecs.counts()),
                store(context, "windows", StateCodecs.windows()), STEP, GRACE);
        List<Measurement> ordered = new ArrayList<>(measurements);
        // Arrival order: by event time, except that a measurement may arrive up to the grace period late.
        ordered.sort(Comparator.comparingLong(m -> m.eventTime() + (m.nulls() % 2 == 0 ? GRACE - 1 : 0)));
        List<Counts> judged = new ArrayList<>();
        long streamTime = Long.MIN_VALUE;
        for (Measurement m : ordered) {
            long closedUpTo = streamTime == Long.MIN_VALUE ? windows.closedUpTo(m.eventTime()) : windows.closedUpTo(streamTime);
            assertThat(windows.isLate(m.eventTime(), closedUpTo)).as("within grace, never late").isFalse();
            windows.add(PRODUCT, m.eventTime(), counts(m), periodSteps * STEP, closedUpTo);
            long next = Math.max(streamTime, m.eventTime());
            if (streamTime != Long.MIN_VALUE && windows.closedUpTo(next) > closedUpTo) {
                windows.closeUpTo(windows.closedUpTo(next), id -> periodSteps * STEP, judge(judged));
            }
            streamTime = next;
        }
        windows.closeUpTo(windows.closedUpTo(streamTime + (periodSteps + 2) * STEP + GRACE), id -> periodSteps * STEP, judge(judged));
        return judged;
    }

    private static CompletenessWindows.Judge judge(List<Counts> judged) {
        return (productId, start, end, window, lastStep, breached) -> {
            judged.add(window);
            return breached;
        };
    }

    private static Counts counts(Measurement m) {
        Map<String, Long> nulls = new TreeMap<>();
        nulls.put("clicks", m.nulls());
        return new Counts(1, m.loaded(), m.expected(), nulls);
    }

    private static <V> KeyValueStore<String, V> store(MockProcessorContext<Object, Object> context, String name, Serde<V> serde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
