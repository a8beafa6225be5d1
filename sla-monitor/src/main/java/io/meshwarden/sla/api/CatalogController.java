package io.meshwarden.sla.api;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.sla.alerts.AlertLifecycle;
import io.meshwarden.sla.cluster.Answer;
import io.meshwarden.sla.cluster.ClusterReader;
import io.meshwarden.sla.cluster.ClusterReader.Read;
import io.meshwarden.sla.cluster.Coverage;
import io.meshwarden.sla.cluster.InstancesUnavailableException;
import io.meshwarden.sla.cluster.Scope;
import io.meshwarden.sla.streams.SlaStores;
import io.meshwarden.streams.StoreUnavailableException;
import io.meshwarden.sla.security.Roles;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The data product catalog: {@code GET /api/catalog} searches it on every instance, {@code GET
 * /api/products/{id}} shows one product with documentation, lineage, quality and SLA, and {@code GET
 * /api/products/{id}/snapshot} its latest quality snapshot. A product's contract, alerts and
 * availability share its partition and come from the instance holding it; its snapshot lives in
 * another task (possibly on another instance) and the products reading it anywhere, so the detail
 * is composed of three reads ({@link ClusterReader}). 400 names a bad parameter, 404 an unknown product.
 */
@Controller("/api")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CatalogController {
    private static final Comparator<Alert> ACTIVE_THEN_NEWEST = Comparator
            .comparing((Alert alert) -> !AlertLifecycle.active(alert))
            .thenComparing(Alert::getChangedAt, Comparator.reverseOrder());
    private static final Comparator<ProductSummary> BY_DOMAIN_AND_ID = Comparator.comparing(ProductSummary::domain)
            .thenComparing(ProductSummary::id);
    private static final Argument<List<ProductSummary>> SUMMARIES = Argument.listOf(ProductSummary.class);
    private static final Argument<Map<String, Object>> SNAPSHOT = Argument.mapOf(String.class, Object.class);
    private static final UriTemplate SNAPSHOT_PATH = UriTemplate.of("/api/products/{productId}/snapshot");
    private static final UriTemplate READERS_PATH = UriTemplate.of("/api/catalog{?upstream}");

    private final ClusterReader cluster;

    public CatalogController(ClusterReader cluster) {
        this.cluster = cluster;
    }

    @Operation(summary = "Search the catalog by domain, tag, classification, owner (team or steward), free text and"
            + " upstream product (the products reading it)")
    @Get("/catalog")
    public HttpResponse<List<ProductSummary>> search(HttpRequest<?> request, @Nullable @QueryValue String q,
                                                     @Nullable @QueryValue String domain, @Nullable @QueryValue String tag,
                                                     @Nullable @QueryValue String classification,
                                                     @Nullable @QueryValue String owner, @Nullable @QueryValue String upstream) {
        CatalogQuery query = CatalogQuery.parse(q, domain, tag, classification, owner, upstream);
        return search(Scope.of(request), ClusterReader.pathOf(request), query).respond();
    }

    @Operation(summary = "One product: contract, documentation, upstream and downstream lineage, latest quality snapshot, SLA and alerts")
    @Get("/products/{productId}")
    public HttpResponse<ProductDetail> product(HttpRequest<?> request, @PathVariable String productId) {
        Scope scope = Scope.of(request);
        Answer<ProductDetail> core = cluster.byKey(scope, productId, new Read<>(SlaStores.CATALOG,
                ClusterReader.pathOf(request), view -> detail(new SlaReader(view), productId),
                cluster.json(Argument.of(ProductDetail.class))));
        if (scope.local()) {
            return core.respond();
        }
        Answer<Map<String, Object>> snapshot = latestSnapshot(productId);
        Answer<List<ProductSummary>> readers = search(Scope.CLUSTER, READERS_PATH.expand(Map.of("upstream", productId)),
                CatalogQuery.parse(null, null, null, null, null, productId));
        ProductDetail detail = core.body().with(snapshot.body(), readers.body().stream().map(ProductSummary::id).sorted().toList());
        return new Answer<>(detail, core.coverage().and(snapshot.coverage()).and(readers.coverage())).respond();
    }

    @Operation(summary = "The latest quality snapshot of one product (completeness of its rolling window)")
    @Get("/products/{productId}/snapshot")
    public HttpResponse<Map<String, Object>> snapshot(HttpRequest<?> request, @PathVariable String productId) {
        return cluster.byKey(Scope.of(request), productId, snapshotRead(productId, ClusterReader.pathOf(request))).respond();
    }

    private Answer<List<ProductSummary>> search(Scope scope, String path, CatalogQuery query) {
        return search(cluster, scope, path, query);
    }

    /** The catalog search over every instance (each answering for its own partitions at {@code path}). */
    static Answer<List<ProductSummary>> search(ClusterReader cluster, Scope scope, String path, CatalogQuery query) {
        return cluster.fanOut(scope, new Read<>(SlaStores.CATALOG, path,
                        view -> sorted(new ProductSummaries(new SlaReader(view)).catalogued(query::admits).stream()
                                .filter(query::matches).toList()), cluster.json(SUMMARIES)),
                parts -> sorted(parts.stream().flatMap(List::stream).toList()));
    }

    /** The snapshot from the instance holding it; none when there is none or when no copy answered (partial). */
    private Answer<Map<String, Object>> latestSnapshot(String productId) {
        try {
            return cluster.byKey(Scope.CLUSTER, productId, snapshotRead(productId, SNAPSHOT_PATH.expand(Map.of("productId", productId))));
        } catch (RequestRejectedException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return new Answer<>(null, Coverage.none());
            }
            throw e;
        } catch (InstancesUnavailableException e) {
            return new Answer<>(null, e.coverage());
        }
    }

    private Read<Map<String, Object>> snapshotRead(String productId, String path) {
        return new Read<>(SlaStores.SNAPSHOTS, path, view -> {
            QualitySnapshot snapshot = new SlaReader(view).snapshot(productId);
            if (snapshot == null) {
                throw RequestRejectedException.notFound("productId", "no quality snapshot of product '" + productId + "' yet");
            }
            return ProductDetail.plain(snapshot);
        }, cluster.json(SNAPSHOT));
    }

    /**
     * The detail from this instance's stores: the snapshot if its task is here too, the products
     * reading this one among those here. The cluster's answer replaces both with what every instance holds.
     */
    private static ProductDetail detail(SlaReader reader, String productId) {
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
        return ProductDetail.of(summary, contract, downstream, localSnapshot(reader, productId),
                alerts.stream().sorted(ACTIVE_THEN_NEWEST).map(AlertView::of).toList());
    }

    private static QualitySnapshot localSnapshot(SlaReader reader, String productId) {
        try {
            return reader.snapshot(productId);
        } catch (StoreUnavailableException e) {
            return null;
        }
    }

    private static List<ProductSummary> sorted(List<ProductSummary> products) {
        return products.stream().sorted(BY_DOMAIN_AND_ID).toList();
    }
}
