package io.meshwarden.sla.api;

import io.meshwarden.sla.cluster.ClusterReader;
import io.meshwarden.sla.cluster.ClusterReader.Read;
import io.meshwarden.sla.cluster.Scope;
import io.meshwarden.sla.cluster.StoreView;
import io.meshwarden.sla.streams.SlaStores;
import io.meshwarden.sla.security.Roles;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code GET /api/summary}: one {@link DomainSummary} per domain of the catalog, by domain name. Every
 * instance summarises its own partitions; the answer merges them ({@link DomainSummary#merge}).
 */
@Controller("/api/summary")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SummaryController {
    private static final Argument<List<DomainSummary>> SUMMARIES = Argument.listOf(DomainSummary.class);

    private final ClusterReader cluster;

    public SummaryController(ClusterReader cluster) {
        this.cluster = cluster;
    }

    @Operation(summary = "Products by health, open alerts, lowest availability and budget, per domain")
    @Get
    public HttpResponse<List<DomainSummary>> summary(HttpRequest<?> request) {
        return cluster.fanOut(Scope.of(request), new Read<>(SlaStores.CATALOG, ClusterReader.pathOf(request),
                SummaryController::local, cluster.json(SUMMARIES)), SummaryController::merge).respond();
    }

    private static List<DomainSummary> local(StoreView view) {
        Map<String, List<ProductSummary>> byDomain = new ProductSummaries(new SlaReader(view)).all().stream()
                .collect(Collectors.groupingBy(ProductSummary::domain, TreeMap::new, Collectors.toList()));
        return byDomain.entrySet().stream().map(entry -> DomainSummary.of(entry.getKey(), entry.getValue())).toList();
    }

    private static List<DomainSummary> merge(List<List<DomainSummary>> parts) {
        Map<String, List<DomainSummary>> byDomain = parts.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(DomainSummary::domain, TreeMap::new, Collectors.toList()));
        return byDomain.entrySet().stream().map(entry -> DomainSummary.merge(entry.getKey(), entry.getValue())).toList();
    }
}
