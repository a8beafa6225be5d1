package io.meshwarden.sla.api;

import io.meshwarden.avro.Violation;
import io.meshwarden.sla.cluster.StoreView;
import io.meshwarden.sla.streams.SlaStores;
import io.meshwarden.sla.streams.ViolationKey;
import io.meshwarden.streams.StoreUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Answers violation searches from one {@link StoreView} of the violation store by interactive query:
 * a prefix range scan when the product is known, a full scan otherwise; newest {@code detectedAt} first.
 * Reads {@link SlaStores#VIOLATIONS}.
 */
public class ViolationReader {
    public static final Comparator<Violation> NEWEST_FIRST = Comparator.comparing(Violation::getDetectedAt).reversed()
            .thenComparing(Violation::getProductId).thenComparing(Violation::getViolationId);

    private final StoreView view;

    public ViolationReader(StoreView view) {
        this.view = view;
    }

    /** @throws StoreUnavailableException while the store cannot be queried */
    public List<Violation> find(ViolationQuery query) {
        List<Violation> entries = query.productId() == null ? view.all(SlaStores.VIOLATIONS)
                : view.prefixScan(SlaStores.VIOLATIONS, ViolationKey.productPrefix(query.productId()));
        return page(entries.stream().filter(query::matches).toList(), query);
    }

    /** The query's page of these violations, newest first: the local answer, and the merge of several. */
    public static List<Violation> page(List<Violation> violations, ViolationQuery query) {
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(NEWEST_FIRST);
        int from = Math.min(query.offset(), sorted.size());
        return List.copyOf(sorted.subList(from, Math.min(sorted.size(), from + query.limit())));
    }
}
