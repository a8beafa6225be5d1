package io.meshwarden.sla.streams;

import io.meshwarden.sla.budget.Downtime;
import java.util.Set;

/**
 * What {@link AvailabilityTracker} keeps per product in {@link SlaStores#AVAILABILITY}: its domain,
 * its freshness outages over the last 30 days, and which burn-rate rules fire now (so that only a
 * change becomes an alert input).
 */
public record AvailabilityState(String domain, Downtime downtime, Set<String> burning) {
    public AvailabilityState {
        burning = Set.copyOf(burning);
    }

    /** Nothing to remember: no outage in the window, none in progress, no rule firing; the same as no entry. */
    boolean forgettable() {
        return downtime.intervals().isEmpty() && !downtime.down() && burning.isEmpty();
    }

    static AvailabilityState initial(String domain) {
        return new AvailabilityState(domain, Downtime.none(), Set.of());
    }
}
