package io.meshwarden.sla.api;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AccessState;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.sla.access.AccessRequestView;
import io.meshwarden.sla.access.AccessRequestsView;
import io.meshwarden.sla.alerts.AlertLifecycle;
import io.meshwarden.sla.budget.Downtime;
import io.meshwarden.sla.cluster.Answer;
import io.meshwarden.sla.cluster.ClusterReader;
import io.meshwarden.sla.cluster.ClusterReader.Read;
import io.meshwarden.sla.cluster.Coverage;
import io.meshwarden.sla.cluster.InstancesUnavailableException;
import io.meshwarden.sla.cluster.Scope;
import io.meshwarden.sla.cluster.StoreView;
import io.meshwarden.sla.history.BandView;
import io.meshwarden.sla.history.DecisionView;
import io.meshwarden.sla.history.HistoryRange;
import io.meshwarden.sla.history.HistoryReader;
import io.meshwarden.sla.history.LineageView;
import io.meshwarden.sla.history.LineageView.Node;
import io.meshwarden.sla.history.ProductHistory;
import io.meshwarden.sla.history.ProductPage;
import io.meshwarden.sla.security.Roles;
import io.meshwarden.sla.streams.AvailabilityState;
import io.meshwarden.sla.streams.HistoryStores;
import io.meshwarden.sla.streams.SlaStores;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriTemplate;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's product page: {@code GET /api/products/{id}/page} (catalog entry, contract, versions
 * with their changelog, decisions including rejected proposals, alerts, grants, current anomaly bands),
 * {@code .../history?range=24h|30d}
 * (time series), {@code .../lineage} (upstream and downstream products with their health) and {@code
 * .../summary} (the catalog entry alone); {@code GET /api/domains/{domain}/proposals} lists a domain's
 * rejected proposals. A product's contract, alerts, availability and history share its partition, so each
 * of its reads is answered by the instance holding it ({@link ClusterReader#byKey}); the downstream products
 * and a domain's proposals by every instance ({@link ClusterReader#fanOut}). 400 names a bad parameter, 404 an
 * unknown product.
 */
@Controller("/api")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ProductPageController {
    /** The alerts a page shows: the active ones first, then the latest changed. */
    static final int MAX_ALERTS = 50;
    private static final Comparator<Alert> ACTIVE_THEN_NEWEST = Comparator
            .comparing((Alert alert) -> !AlertLifecycle.active(alert))
            .thenComparing(Alert::getChangedAt, Comparator.reverseOrder());
    private static final UriTemplate SUMMARY_PATH = UriTemplate.of("/api/products/{productId}/summary");
    private static final UriTemplate DETAIL_PATH = UriTemplate.of("/api/products/{productId}");
    private static final UriTemplate READERS_PATH = UriTemplate.of("/api/catalog{?upstream}");
    private static final Argument<List<ProductSummary>> SUMMARIES = Argument.listOf(ProductSummary.class);
    private static final Argument<List<DecisionView>> DECISIONS = Argument.listOf(DecisionView.class);

    private final ClusterReader cluster;
    private final AccessRequestsView access;

    public ProductPageController(ClusterReader cluster, AccessRequestsView access) {
        this.cluster = cluster;
        this.access = access;
    }

    @Operation(summary = "A product's page: catalog entry, contract, version history with changelog, decisions"
            + " (rejected proposals too), open and recent alerts, access requests and grants, current anomaly band per metric")
    @Get("/products/{productId}/page")
    public HttpResponse<ProductPage> page(HttpRequest<?> request, @PathVariable String productId) {
        Answer<ProductPage> core = cluster.byKey(Scope.of(request), productId, new Read<>(SlaStores.CATALOG,
                ClusterReader.pathOf(request), view -> page(view, productId), cluster.json(Argument.of(ProductPage.class))));
        if (Scope.of(request).local()) {
            return core.respond();
        }
        try {
            List<AccessRequestView> grants = access.all().stream().filter(r -> productId.equals(r.getProductId()))
                    .filter(r -> r.getState() != AccessState.REJECTED).map(AccessRequestView::of)
                    .sorted(AccessRequestView.NEWEST_CHANGE_FIRST).toList();
            return new Answer<>(core.body().withGrants(grants, null), core.coverage()).respond();
        } catch (RequestRejectedException e) {
            return new Answer<>(core.body().withGrants(null, e.getMessage()), core.coverage()).respond();
        }
    }

    @Operation(summary = "A product's time series over the last 24 h (5-minute points) or 30 d (hourly rollups):"
            + " completeness against its target, freshness age against its deadline, volume, availability and budget burn,"
            + " and the volume detector's expected band per period")
    @Get("/products/{productId}/history")
    public HttpResponse<ProductHistory> history(HttpRequest<?> request, @PathVariable String productId,
                                                @Nullable @QueryValue String range) {
        HistoryRange span = HistoryRange.parse(range);
        return cluster.byKey(Scope.of(request), productId, new Read<>(HistoryStores.QUALITY, ClusterReader.pathOf(request),
                view -> history(view, productId, span), cluster.json(Argument.of(ProductHistory.class)))).respond();
    }

    @Operation(summary = "A product's catalog entry: owner, steward, documentation, health and SLA")
    @Get("/products/{productId}/summary")
    public HttpResponse<ProductSummary> summary(HttpRequest<?> request, @PathVariable String productId) {
        return summary(Scope.of(request), productId, ClusterReader.pathOf(request)).respond();
    }

    @Operation(summary = "A product's lineage: the products it lists upstream and those listing it, with their health")
    @Get("/products/{productId}/lineage")
    public HttpResponse<LineageView> lineage(HttpRequest<?> request, @PathVariable String productId) {
        // The product's own detail (local scope at its owner): its summary and the upstream products its contract lists.
        Answer<ProductDetail> self = cluster.byKey(Scope.CLUSTER, productId, new Read<>(SlaStores.CATALOG,
                DETAIL_PATH.expand(Map.of("productId", productId)), view -> {
                    SlaReader reader = new SlaReader(view);
                    DataProductContract contract = contract(reader, productId);
                    return ProductDetail.of(summary(reader, productId, contract), contract, List.of(), null, List.of());
                }, cluster.json(Argument.of(ProductDetail.class))));
        Coverage coverage = self.coverage();
        List<Node> upstream = new ArrayList<>();
        for (String id : self.body().upstream()) {
            try {
                Answer<ProductSummary> found = summary(Scope.CLUSTER, id, SUMMARY_PATH.expand(Map.of("productId", id)));
                upstream.add(Node.of(found.body()));
                coverage = coverage.and(found.coverage());
            } catch (RequestRejectedException e) {
                if (e.status() != HttpStatus.NOT_FOUND) {
                    throw e;
                }
                upstream.add(Node.unknown(id));
            } catch (InstancesUnavailableException e) {
                upstream.add(Node.unknown(id));
                coverage = coverage.and(e.coverage());
            }
        }
        Answer<List<ProductSummary>> readers = cluster.fanOut(Scope.CLUSTER, new Read<>(SlaStores.CATALOG,
                READERS_PATH.expand(Map.of("upstream", productId)), view -> new ProductSummaries(new SlaReader(view))
                        .catalogued(contract -> contract.getUpstreamProducts().contains(productId)), cluster.json(SUMMARIES)),
                parts -> parts.stream().flatMap(List::stream).toList());
        List<Node> downstream = readers.body().stream().map(Node::of).sorted(Comparator.comparing(Node::id)).toList();
        return new Answer<>(new LineageView(Node.of(self.body().product()), upstream, downstream), coverage.and(readers.coverage()))
                .respond();
    }

    @Operation(summary = "The rejected proposals of a domain (contract changes governance refused), newest first")
    @Get("/domains/{domain}/proposals")
    public HttpResponse<List<DecisionView>> proposals(HttpRequest<?> request, @PathVariable String domain) {
        return cluster.fanOut(Scope.of(request), new Read<>(HistoryStores.DECISIONS, ClusterReader.pathOf(request),
                        view -> new HistoryReader(view).rejected(domain), cluster.json(DECISIONS)),
                parts -> parts.stream().flatMap(List::stream).sorted(DecisionView.NEWEST_FIRST).toList()).respond();
    }

    private Answer<ProductSummary> summary(Scope scope, String productId, String path) {
        return cluster.byKey(scope, productId, new Read<>(SlaStores.CATALOG, path, view -> {
            SlaReader reader = new SlaReader(view);
            return summary(reader, productId, contract(reader, productId));
        }, cluster.json(Argument.of(ProductSummary.class))));
    }

    private static ProductSummary summary(SlaReader reader, String productId, DataProductContract contract) {
        return ProductSummary.of(contract, reader.alertsOf(productId), reader.status(productId, contract, System.currentTimeMillis()));
    }

    private static ProductPage page(StoreView view, String productId) {
        SlaReader reader = new SlaReader(view);
        DataProductContract contract = contract(reader, productId);
        List<Alert> alerts = reader.alertsOf(productId);
        HistoryReader history = new HistoryReader(view);
        return new ProductPage(ProductSummary.of(contract, alerts, reader.status(productId, contract, System.currentTimeMillis())),
                ProductDetail.plain(contract), history.versions(productId), history.decisions(productId),
                alerts.stream().sorted(ACTIVE_THEN_NEWEST).limit(MAX_ALERTS).map(AlertView::of).toList(), null, null,
                // The snapshots and anomaly-bands tables share the catalog's task (HistoryTopology reads all three), so
                // their stores are here too; the reader gives the snapshot its bands.
                BandView.of(reader.snapshot(productId)));
    }

    private static ProductHistory history(StoreView view, String productId, HistoryRange range) {
        DataProductContract contract = view.get(SlaStores.CATALOG, productId);
        AvailabilityState availability = view.get(SlaStores.AVAILABILITY, productId);
        if (contract == null && availability == null && new HistoryReader(view).points(productId, range).isEmpty()) {
            throw RequestRejectedException.notFound("productId", "no product '" + productId + "' in the catalog");
        }
        Double target = contract == null || contract.getGuarantees() == null ? null
                : contract.getGuarantees().getAvailabilityPercent();
        return ProductHistory.of(productId, range, new HistoryReader(view).points(productId, range),
                availability == null ? Downtime.none() : availability.downtime(), target, System.currentTimeMillis());
    }

    private static DataProductContract contract(SlaReader reader, String productId) {
        DataProductContract contract = reader.contract(productId);
        if (contract == null) {
            throw RequestRejectedException.notFound("productId", "no product '" + productId + "' in the catalog");
        }
        return contract;
    }
}
