package io.meshwarden.quality.freshness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which products of one task the freshness check must look at, in memory: each product that is not in
 * breach, ordered by its deadline, and the breached products whose limit changed since (a looser one may
 * make them fresh again). A breached product is otherwise left out: only fresh data, which recovers it
 * on arrival, or a new limit can change its verdict. Kept by {@link FreshnessWatch}, which tells it of
 * every state it writes.
 */
final class FreshnessDeadlines {
    private record Due(long deadline, String productId) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = Long.compare(deadline, other.deadline);
            return byTime != 0 ? byTime : productId.compareTo(other.productId);
        }
    }

    private final NavigableSet<Due> byDeadline = new TreeSet<>();
    private final Map<String, Long> deadlineOf = new HashMap<>();
    private final Set<String> recheck = new HashSet<>();

    /** The product's state is now {@code state}: a product not in breach is due at its deadline, a breached one is not. */
    void track(String productId, FreshnessState state) {
        Long before = state.breached() ? deadlineOf.remove(productId) : deadlineOf.put(productId, state.deadline());
        if (before != null) {
            byDeadline.remove(new Due(before, productId));
        }
        if (!state.breached()) {
            byDeadline.add(new Due(state.deadline(), productId));
        }
    }

    /** The product's limit changed: look at it in the next check even if it is in breach. */
    void recheck(String productId) {
        recheck.add(productId);
    }

    void forget(String productId) {
        Long before = deadlineOf.remove(productId);
        if (before != null) {
            byDeadline.remove(new Due(before, productId));
        }
        recheck.remove(productId);
    }

    /**
     * Removes and returns the products to look at {@code now}: those past their deadline, in deadline order,
     * then those to recheck. The caller tracks again whichever it leaves as they were.
     */
    List<String> takeDue(long now) {
        Set<String> due = new LinkedHashSet<>();
        for (Iterator<Due> it = byDeadline.iterator(); it.hasNext(); ) {
            Due next = it.next();
            if (next.deadline() >= now) {
                break;
            }
            it.remove();
            deadlineOf.remove(next.productId());
            due.add(next.productId());
        }
        due.addAll(recheck);
        recheck.clear();
        return new ArrayList<>(due);
    }
}
