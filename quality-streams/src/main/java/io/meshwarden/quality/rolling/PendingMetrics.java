package io.meshwarden.quality.rolling;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Metrics waiting for their product's contract ({@code quality-pending-metrics-store}). A pipeline
 * that publishes its contract and then its first run's metrics is a normal sequence, but the two
 * travel different topics (the contract through governance and the catalog), so the metric can
 * reach the quality task first. It waits here, for a bounded wall-clock time, and is applied when
 * the contract arrives; only after the bound is it dead-lettered {@code unknown-product}.
 *
 * <p>Key: {@code <product id>|<arrival ms, 13 digits>|<topic>:<partition>:<offset>}, so a product's
 * metrics are one prefix scan in arrival order (done when its contract arrives, not per metric).
 * Expiry is a scan of the whole store by the wall-clock punctuator, skipped while the store is known
 * to be empty, which it is in steady state.
 */
final class PendingMetrics {
    private static final int TIME_DIGITS = 13;
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, PendingMetric> store;
    /** False only once a scan has found the store empty and nothing was held since. */
    private boolean mayHoldAny = true;

    PendingMetrics(KeyValueStore<String, PendingMetric> store) {
        this.store = store;
    }

    void hold(String productId, String source, PendingMetric metric) {
        String arrived = Long.toString(Math.max(0, metric.arrivedAt()));
        store.put(productId + "|" + "0".repeat(Math.max(0, TIME_DIGITS - arrived.length())) + arrived + "|" + source, metric);
        mayHoldAny = true;
    }

    /** Removes and returns the metrics of {@code productId} in the order they arrived. */
    List<PendingMetric> release(String productId) {
        if (!mayHoldAny) {
            return List.of();
        }
        List<KeyValue<String, PendingMetric>> held = new ArrayList<>();
        try (KeyValueIterator<String, PendingMetric> range = store.prefixScan(productId + "|", KEYS)) {
            range.forEachRemaining(held::add);
        }
        held.forEach(entry -> store.delete(entry.key));
        return held.stream().map(entry -> entry.value).toList();
    }

    /** Removes and returns every metric that arrived at or before {@code arrivedBy}, by product and arrival. */
    List<PendingMetric> expire(long arrivedBy) {
        if (!mayHoldAny) {
            return List.of();
        }
        List<KeyValue<String, PendingMetric>> expired = new ArrayList<>();
        int held = 0;
        try (KeyValueIterator<String, PendingMetric> all = store.all()) {
            while (all.hasNext()) {
                held++;
                KeyValue<String, PendingMetric> entry = all.next();
                if (entry.value.arrivedAt() <= arrivedBy) {
                    expired.add(entry);
                }
            }
        }
        expired.forEach(entry -> store.delete(entry.key));
        mayHoldAny = held > expired.size();
        return expired.stream().map(entry -> entry.value).toList();
    }
}
