package io.meshwarden.sla.history;

import io.meshwarden.sla.api.ProductSummary;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A product's neighbours in the lineage its contracts declare: the products it lists upstream and
 * the products whose contracts list it, each with its health (OK, WARNING, CRITICAL; UNKNOWN for an
 * upstream product the catalog does not hold).
 */
@Serdeable
public record LineageView(Node product, List<Node> upstream, List<Node> downstream) {
    /** One product of the graph. */
    @Serdeable
    public record Node(String id, String name, String domain, String status, String health, boolean known) {
        public static Node of(ProductSummary summary) {
            return new Node(summary.id(), summary.name(), summary.domain(), summary.status(), summary.health(), true);
        }

        public static Node unknown(String productId) {
            return new Node(productId, productId, null, null, "UNKNOWN", false);
        }
    }
}
