package io.meshwarden.sla.api;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.sla.alerts.AlertLifecycle;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Comparator;
import java.util.List;

/**
 * The data product catalog: {@code GET /api/catalog} searches it, {@code GET /api/products/{id}}
 * shows one product with documentation, lineage, quality and SLA. Reads the catalog, snapshot,
 * alert and availability stores of this instance. 400 names a bad parameter, 404 an unknown product.
 */
@Controller("/api")
public class CatalogController {
    private static final Comparator<Alert> ACTIVE_THEN_NEWEST = Comparator
            .comparing((Alert alert) -> !AlertLifecycle.active(alert))
            .thenComparing(Alert::getChangedAt, Comparator.reverseOrder());

    private final SlaReader reader;
    private final ProductSummaries summaries;

    public CatalogController(SlaReader reader, ProductSummaries summaries) {
        this.reader = reader;
        this.summaries = summaries;
    }

    @Operation(summary = "Search the catalog by domain, tag, classification, owner (team or steward) and free text")
    @Get("/catalog")
    public List<ProductSummary> search(@Nullable @QueryValue String q, @Nullable @QueryValue String domain,
                                       @Nullable @QueryValue String tag, @Nullable @QueryValue String classification,
                                       @Nullable @QueryValue String owner) {
        CatalogQuery query = CatalogQuery.parse(q, domain, tag, classification, owner);
        return summaries.catalogued().stream().filter(query::matches)
                .sorted(Comparator.comparing(ProductSummary::domain).thenComparing(ProductSummary::id)).toList();
    }

    @Operation(summary = "One product: contract, documentation, upstream and downstream lineage, latest quality snapshot, SLA and alerts")
    @Get("/products/{productId}")
    public ProductDetail product(@PathVariable String productId) {
        DataProductContract contract = reader.contract(productId);
        if (contract == null) {
            throw RequestRejectedException.notFound("productId", "no product '" + productId + "' in the catalog");
        }
        List<Alert> alerts = reader.alertsOf(productId);
        List<String> downstream = reader.contracts().stream()
                .filter(other -> other.getUpstreamProducts().contains(productId))
                .map(DataProductContract::getId).sorted().toList();
        ProductSummary summary = ProductSummary.of(contract, alerts,
                reader.status(productId, contract, System.currentTimeMillis()));
        return ProductDetail.of(summary, contract, downstream, reader.snapshot(productId),
                alerts.stream().sorted(ACTIVE_THEN_NEWEST).map(AlertView::of).toList());
    }
}
