package io.meshwarden.sla.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code GET /api/summary}: one {@link DomainSummary} per domain of the catalog, by domain name. */
@Controller("/api/summary")
public class SummaryController {
    private final ProductSummaries catalog;

    public SummaryController(ProductSummaries catalog) {
        this.catalog = catalog;
    }

    @Operation(summary = "Products by health, open alerts, lowest availability and budget, per domain")
    @Get
    public List<DomainSummary> summary() {
        Map<String, List<ProductSummary>> byDomain = catalog.all().stream()
                .collect(Collectors.groupingBy(ProductSummary::domain, TreeMap::new, Collectors.toList()));
        return byDomain.entrySet().stream().map(entry -> DomainSummary.of(entry.getKey(), entry.getValue())).toList();
    }
}
