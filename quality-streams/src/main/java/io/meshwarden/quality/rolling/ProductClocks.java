package io.meshwarden.quality.rolling;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stream time of every product of one task ({@code quality-clock-store}, key: the product id):
 * the newest event time of the product's own accepted metrics, which the processor never lets run
 * ahead of the wall clock by more than the allowed skew. A product's window steps close, and its
 * metrics turn late, on its own clock only, so no product's events can make another's late.
 *
 * <p>Lateness depends only on the closed step boundary, so the store is written when a product's
 * boundary moves (one changelog record per product per step, not per metric); in between the clock
 * is kept in memory. After a restart the restored value may be behind the last one in memory, but
 * never across a boundary, so every verdict is the same.
 */
final class ProductClocks {
    private final KeyValueStore<String, Long> store;
    private final Map<String, Long> known = new HashMap<>();

    ProductClocks(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    /** The product's clock, or null before its first accepted metric. */
    Long of(String productId) {
        Long clock = known.get(productId);
        if (clock == null) {
            clock = store.get(productId);
            if (clock != null) {
                known.put(productId, clock);
            }
        }
        return clock;
    }

    /** Moves the product's clock to {@code time}; {@code boundaryMoved} when it closed a step, which is stored. */
    void advance(String productId, long time, boolean boundaryMoved) {
        known.put(productId, time);
        if (boundaryMoved) {
            store.put(productId, time);
        }
    }
}
