package io.meshwarden.quality.freshness;

import io.meshwarden.quality.catalog.Guarantees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Freshness of every checked product of one stream task. Reads and writes the freshness store
 * (newest record time, registration, limit and breach flag per product). A wall-clock check finds
 * the products whose newest record is older than their limit, so silence itself is detected; each
 * episode yields one breach, and one recovery when fresh data arrives. Products that promise no
 * freshness, or are deprecated or retired, have no entry and are never checked.
 *
 * <p>The check visits only the products that are due: a {@link FreshnessDeadlines} index, in memory,
 * built from the store when the watch is made (a task's processor makes one at each initialisation,
 * so a restored or revived task rebuilds it) and kept up to date by every write of the store.
 */
public final class FreshnessWatch {
    private final KeyValueStore<String, FreshnessState> store;
    private final FreshnessDeadlines deadlines = new FreshnessDeadlines();

    public FreshnessWatch(KeyValueStore<String, FreshnessState> store) {
        this.store = store;
        try (KeyValueIterator<String, FreshnessState> all = store.all()) {
            all.forEachRemaining(entry -> {
                deadlines.track(entry.key, entry.value);
                if (entry.value.breached()) {
                    // As the scan this index replaces did, look once at every breached product: its limit may have loosened.
                    deadlines.recheck(entry.key);
                }
            });
        }
    }

    /** A contract was accepted at {@code registeredAt}: starts, updates or stops checking its product. */
    public Optional<FreshnessEvent> register(Guarantees guarantees, long registeredAt, long now) {
        String productId = guarantees.productId();
        FreshnessState known = store.get(productId);
        if (!guarantees.checksFreshness()) {
            if (known == null) {
                return Optional.empty();
            }
            store.delete(productId);
            deadlines.forget(productId);
            // An open alert must not outlive the check that raised it.
            return known.breached() ? Optional.of(new FreshnessEvent(productId, false, known.ageAt(now), known.maxAgeMs(),
                    known.deadline(), "product " + productId + " is no longer checked for freshness")) : Optional.empty();
        }
        long maxAge = guarantees.freshnessMaxAgeMs().orElseThrow();
        put(productId, known == null ? new FreshnessState(null, registeredAt, maxAge, false) : known.withMaxAge(maxAge));
        if (known != null && known.breached() && known.maxAgeMs() != maxAge) {
            deadlines.recheck(productId);
        }
        return Optional.empty();
    }

    /** Data arrived whose newest record is from {@code newestRecordTime}; a breached product that is fresh again recovers. */
    public Optional<FreshnessEvent> fed(String productId, long newestRecordTime, long now) {
        FreshnessState known = store.get(productId);
        if (known == null) {
            return Optional.empty();
        }
        FreshnessState updated = known.withNewest(newestRecordTime);
        Optional<FreshnessEvent> recovery = Optional.empty();
        if (known.breached() && !updated.isOverdueAt(now)) {
            recovery = Optional.of(recovery(productId, known, updated, now));
            updated = updated.withBreached(false);
        }
        if (!updated.equals(known)) {
            put(productId, updated);
        }
        return recovery;
    }

    /**
     * The wall-clock check: one breach per product that has just gone stale, one recovery per breached product
     * whose loosened limit makes it fresh again. Reads only those products' entries.
     */
    public List<FreshnessEvent> check(long now) {
        List<KeyValue<String, FreshnessState>> changed = new ArrayList<>();
        List<FreshnessEvent> events = new ArrayList<>();
        for (String productId : deadlines.takeDue(now)) {
            FreshnessState state = store.get(productId);
            if (state == null) {
                continue;
            }
            boolean overdue = state.isOverdueAt(now);
            if (overdue && !state.breached()) {
                events.add(new FreshnessEvent(productId, true, state.ageAt(now), state.maxAgeMs(), state.deadline(),
                        state.newestRecordTime() == null ? "no record since the product was registered" : "no newer record"));
                changed.add(KeyValue.pair(productId, state.withBreached(true)));
            } else if (!overdue && state.breached()) {
                // The limit was loosened by a new contract version.
                events.add(recovery(productId, state, state, now));
                changed.add(KeyValue.pair(productId, state.withBreached(false)));
            } else {
                deadlines.track(productId, state);
            }
        }
        changed.forEach(entry -> put(entry.key, entry.value));
        return events;
    }

    public Optional<Long> newestRecordTime(String productId) {
        return Optional.ofNullable(store.get(productId)).map(FreshnessState::newestRecordTime);
    }

    private void put(String productId, FreshnessState state) {
        store.put(productId, state);
        deadlines.track(productId, state);
    }

    private static FreshnessEvent recovery(String productId, FreshnessState breached, FreshnessState now, long at) {
        return new FreshnessEvent(productId, false, now.ageAt(at), now.maxAgeMs(), breached.deadline(), "fresh data arrived");
    }
}
