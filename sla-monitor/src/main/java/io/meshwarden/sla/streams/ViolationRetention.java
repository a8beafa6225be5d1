package io.meshwarden.sla.streams;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Drops from {@link SlaStores#VIOLATIONS} what has been closed for longer than the retention. Its
 * keys are unique per change or episode ({@link ViolationKey}), so without this it would only grow.
 * A violation is closed when it is a RECOVERY (at its own detection), or when a later violation of
 * the same product and rule supersedes it (at that one's detection): the breach a recovery ends, a
 * contract change's violation that the next change's decision repeats. The latest violation of a
 * product and rule, if a BREACH, is open and stays however old it is, so the store holds at most one
 * entry per product and rule beyond what the retention holds. The violations of rejected changes
 * ({@code rejectedChange}) are apart: a rejected proposal's breach does not close the one in force.
 *
 * <p>A product's entries are adjacent in key order, so one scan looks at one product at a time.
 * Reads the whole store; deletes the expired entries, which writes tombstones to its changelog.
 */
final class ViolationRetention {
    private static final Comparator<Violation> DETECTION = Comparator.comparing(Violation::getDetectedAt)
            .thenComparing(Violation::getViolationId);

    private final Duration retention;

    ViolationRetention(Duration retention) {
        this.retention = retention;
    }

    /** Deletes what was closed at or before {@code now} minus the retention; returns how many entries it deleted. */
    int purge(KeyValueStore<String, Violation> store, long now) {
        long cutoff = now - retention.toMillis();
        List<String> expired = new ArrayList<>();
        List<KeyValue<String, Violation>> product = new ArrayList<>();
        try (KeyValueIterator<String, Violation> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Violation> entry = all.next();
                if (!product.isEmpty() && !product.get(0).value.getProductId().equals(entry.value.getProductId())) {
                    collectExpired(product, cutoff, expired);
                    product.clear();
                }
                product.add(entry);
            }
        }
        collectExpired(product, cutoff, expired);
        expired.forEach(store::delete);
        return expired.size();
    }

    /** Rule ids hold no '/', so the suffix cannot make two rules one. */
    private static String episodes(KeyValue<String, Violation> entry) {
        return entry.value.getRejectedChange() ? entry.value.getRuleId() + "/rejected-change" : entry.value.getRuleId();
    }

    private static void collectExpired(List<KeyValue<String, Violation>> product, long cutoff, List<String> expired) {
        Map<String, List<KeyValue<String, Violation>>> byRule = product.stream()
                .collect(Collectors.groupingBy(ViolationRetention::episodes));
        for (List<KeyValue<String, Violation>> rule : byRule.values()) {
            rule.sort((a, b) -> DETECTION.compare(a.value, b.value));
            for (int i = 0; i < rule.size(); i++) {
                Violation violation = rule.get(i).value;
                Long closedAt = violation.getStatus() == ViolationStatus.RECOVERY ? (Long) violation.getDetectedAt().toEpochMilli()
                        : i + 1 < rule.size() ? (Long) rule.get(i + 1).value.getDetectedAt().toEpochMilli() : null;
                if (closedAt != null && closedAt <= cutoff) {
                    expired.add(rule.get(i).key);
                }
            }
        }
    }
}
