package io.meshwarden.quality.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.quality.catalog.Guarantees;
import io.meshwarden.quality.rolling.QualityFixtures;
import io.meshwarden.quality.rolling.StateCodecs;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The wall-clock check reads only the products that are due, and a watch made again over its store (a restored task) knows them all. */
class FreshnessWatchTest {
    private static final long LIMIT_MS = 10_000;
    private static final int PRODUCTS = 1_000;

    private final KeyValueStore<String, FreshnessState> store = store();
    /** Every key the watch reads, and every full scan (as "*"). */
    private final List<String> reads = new ArrayList<>();
    private final KeyValueStore<String, FreshnessState> counted = counting(store, reads);

    @Test
    void theCheckReadsOnlyTheProductsPastTheirDeadline() {
        FreshnessWatch watch = new FreshnessWatch(counted);
        // Product i is fed at i ms: its deadline is LIMIT_MS + i.
        for (int i = 0; i < PRODUCTS; i++) {
            watch.register(guarantees(id(i), LIMIT_MS), 0, 0);
            watch.fed(id(i), i, i);
        }
        reads.clear();

        assertThat(watch.check(LIMIT_MS)).isEmpty();
        assertThat(reads).as("nothing due, nothing read").isEmpty();

        List<FreshnessEvent> breaches = watch.check(LIMIT_MS + 3);
        assertThat(breaches).extracting(FreshnessEvent::productId).containsExactly(id(0), id(1), id(2));
        assertThat(breaches).allMatch(FreshnessEvent::breach);
        assertThat(reads).containsExactly(id(0), id(1), id(2));

        reads.clear();
        assertThat(watch.check(LIMIT_MS + 3)).as("one breach per episode").isEmpty();
        assertThat(reads).as("a breached product is not read again").isEmpty();
    }

    @Test
    void fedDataMovesTheDeadlineAndALooserLimitRecoversABreachedProduct() {
        FreshnessWatch watch = new FreshnessWatch(counted);
        watch.register(guarantees(id(0), LIMIT_MS), 0, 0);
        watch.register(guarantees(id(1), LIMIT_MS), 0, 0);
        watch.fed(id(0), 5_000, 5_000);

        assertThat(watch.check(LIMIT_MS + 1)).extracting(FreshnessEvent::productId).containsExactly(id(1));
        watch.register(guarantees(id(1), 3 * LIMIT_MS), 0, LIMIT_MS + 2);
        List<FreshnessEvent> events = watch.check(LIMIT_MS + 3);
        assertThat(events).extracting(FreshnessEvent::productId, FreshnessEvent::breach)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id(1), false));
        assertThat(watch.check(5_000 + LIMIT_MS + 1)).extracting(FreshnessEvent::productId).containsExactly(id(0));
        assertThat(watch.check(3 * LIMIT_MS + 1)).extracting(FreshnessEvent::productId).containsExactly(id(1));
    }

    @Test
    void aWatchMadeAgainOverItsStoreStillBreachesAndRecovers() {
        FreshnessWatch before = new FreshnessWatch(counted);
        for (int i = 0; i < 3; i++) {
            before.register(guarantees(id(i), LIMIT_MS), 0, 0);
        }
        before.fed(id(1), 20_000, 20_000);
        assertThat(before.check(LIMIT_MS + 1)).extracting(FreshnessEvent::productId).containsExactly(id(0), id(2));
        // The task is restored (or revived): the processor makes its watch again from what the store says.
        FreshnessWatch after = new FreshnessWatch(counted);

        assertThat(after.check(LIMIT_MS + 2)).as("the breaches stand, once").isEmpty();
        assertThat(after.check(20_000 + LIMIT_MS + 1)).extracting(FreshnessEvent::productId).containsExactly(id(1));
        assertThat(after.fed(id(0), 40_000, 40_000)).hasValueSatisfying(event -> assertThat(event.breach()).isFalse());
        assertThat(after.check(40_000 + LIMIT_MS + 1)).extracting(FreshnessEvent::productId).containsExactly(id(0));
    }

    @Test
    void aRestoredBreachWhoseLimitWasLoosenedRecoversAtTheFirstCheck() {
        store.put(id(0), new FreshnessState(0L, 0, 3 * LIMIT_MS, true));

        FreshnessWatch watch = new FreshnessWatch(counted);

        assertThat(watch.check(LIMIT_MS)).extracting(FreshnessEvent::productId, FreshnessEvent::breach)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id(0), false));
        assertThat(watch.check(3 * LIMIT_MS + 1)).extracting(FreshnessEvent::productId).containsExactly(id(0));
    }

    private static String id(int i) {
        return String.format(java.util.Locale.ROOT, "paid-media.product-%04d", i);
    }

    private static Guarantees guarantees(String productId, long limitMs) {
        return Guarantees.of(QualityFixtures.contract(productId, limitMs, 99.5, 3_600_000));
    }

    private static KeyValueStore<String, FreshnessState> store() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(
                MeshwardenConfig.defaults(Map.of()).streamsProperties("freshness-watch-test"));
        KeyValueStore<String, FreshnessState> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("freshness"),
                Serdes.String(), StateCodecs.freshness()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    @SuppressWarnings("unchecked")
    private static KeyValueStore<String, FreshnessState> counting(KeyValueStore<String, FreshnessState> store, List<String> reads) {
        return (KeyValueStore<String, FreshnessState>) Proxy.newProxyInstance(FreshnessWatchTest.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        reads.add((String) args[0]);
                    } else if (method.getName().equals("all") || method.getName().equals("range")) {
                        reads.add("*");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
