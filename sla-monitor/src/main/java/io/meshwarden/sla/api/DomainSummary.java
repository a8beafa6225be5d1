package io.meshwarden.sla.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One domain at a glance: its products by health, its open alerts, and its weakest 30-day
 * availability and error budget (null when no product of it guarantees availability), and a tile
 * per product for the health grid (products with alerts but no accepted contract included).
 */
@Serdeable
public record DomainSummary(String domain, int products, int ok, int warning, int critical, int openAlerts,
                            double lowestAvailability30d, Double lowestBudgetRemaining, List<ProductTile> tiles) {

    /** One product in the health grid. */
    @Serdeable
    public record ProductTile(String id, String name, String health, int openAlerts, String ownerTeam, String status) {
    }

    static DomainSummary of(String domain, List<ProductSummary> products) {
        return new DomainSummary(domain, products.size(), count(products, "OK"), count(products, "WARNING"),
                count(products, "CRITICAL"), products.stream().mapToInt(ProductSummary::openAlerts).sum(),
                products.stream().mapToDouble(product -> product.sla().availability30d()).min().orElse(1),
                products.stream().map(product -> product.sla().budgetRemaining()).filter(Objects::nonNull)
                        .min(Double::compare).orElse(null),
                products.stream().sorted(Comparator.comparing(ProductSummary::id))
                        .map(p -> new ProductTile(p.id(), p.name(), p.health(), p.openAlerts(), p.ownerTeam(), p.status()))
                        .toList());
    }

    /**
     * The summaries of one domain from several instances as one: each instance summarises the products
     * of its partitions, and every figure is a sum, a minimum or a union of those.
     */
    static DomainSummary merge(String domain, List<DomainSummary> parts) {
        return new DomainSummary(domain, parts.stream().mapToInt(DomainSummary::products).sum(),
                parts.stream().mapToInt(DomainSummary::ok).sum(), parts.stream().mapToInt(DomainSummary::warning).sum(),
                parts.stream().mapToInt(DomainSummary::critical).sum(), parts.stream().mapToInt(DomainSummary::openAlerts).sum(),
                parts.stream().mapToDouble(DomainSummary::lowestAvailability30d).min().orElse(1),
                parts.stream().map(DomainSummary::lowestBudgetRemaining).filter(Objects::nonNull).min(Double::compare).orElse(null),
                parts.stream().flatMap(part -> part.tiles().stream()).sorted(Comparator.comparing(ProductTile::id)).toList());
    }

    private static int count(List<ProductSummary> products, String health) {
        return (int) products.stream().filter(product -> health.equals(product.health())).count();
    }
}
