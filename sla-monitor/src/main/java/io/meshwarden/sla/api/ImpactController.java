package io.meshwarden.sla.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.AffectedProduct;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ImpactKind;
import io.meshwarden.avro.ImpactReport;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.impact.ImpactAnalysis;
import io.meshwarden.sla.cluster.Answer;
import io.meshwarden.sla.cluster.ClusterReader;
import io.meshwarden.sla.cluster.ClusterReader.Read;
import io.meshwarden.sla.cluster.Scope;
import io.meshwarden.sla.impact.ReadersView;
import io.meshwarden.sla.security.Roles;
import io.meshwarden.sla.streams.SlaStores;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriTemplate;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/products/{id}/impact?kind=breaking_change|deprecation|retirement}: who a change of
 * that kind (default a breaking change) would hit now, in the form of the impact app's
 * {@code ImpactReport} (change id {@value #HYPOTHETICAL}): the downstream products from the catalog
 * (every instance's partitions), the consumer groups and read grants of the product's output topics
 * from the readers poller's topic ({@link ReadersView}), each with its owner, and the owners that
 * would be notified. 400 names a bad kind, 404 an unknown product, 503 while the readers are not read yet.
 */
@Controller("/api")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ImpactController {
    static final String HYPOTHETICAL = "hypothetical";
    private static final Argument<Map<String, Object>> CONTRACT = Argument.mapOf(String.class, Object.class);
    private static final TypeReference<Map<String, Object>> CONTRACT_MAP = new TypeReference<>() {
    };
    private static final UriTemplate DOWNSTREAM_PATH = UriTemplate.of("/api/catalog{?upstream}");
    private static final EventCodec<DataProductContract> CONTRACTS = EventCodec.of(DataProductContract.class);
    private static final EventCodec<ImpactReport> REPORTS = EventCodec.of(ImpactReport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterReader cluster;
    private final ReadersView readers;

    public ImpactController(ClusterReader cluster, ReadersView readers) {
        this.cluster = cluster;
        this.readers = readers;
    }

    @Operation(summary = "Who a breaking change, deprecation or retirement of the product would hit now: downstream products,"
            + " consumer groups reading its topics (with lag), read grants, and their owners")
    @Get("/products/{productId}/impact")
    public HttpResponse<Map<String, Object>> impact(HttpRequest<?> request, @PathVariable String productId,
                                                    @Nullable @QueryValue String kind) {
        ImpactKind change = kind(kind);
        Scope scope = Scope.of(request);
        Answer<Map<String, Object>> contract = cluster.byKey(scope, productId, new Read<>(SlaStores.CATALOG,
                ClusterReader.pathOf(request), view -> {
                    DataProductContract found = new SlaReader(view).contract(productId);
                    if (found == null) {
                        throw RequestRejectedException.notFound("productId", "no product '" + productId + "' in the catalog");
                    }
                    return ProductDetail.plain(found);
                }, cluster.json(CONTRACT)));
        if (scope.local()) {
            return contract.respond();
        }
        DataProductContract current = CONTRACTS.fromJson(JSON.valueToTree(contract.body()));
        Answer<List<ProductSummary>> downstream = CatalogController.search(cluster, Scope.CLUSTER,
                DOWNSTREAM_PATH.expand(Map.of("upstream", productId)), CatalogQuery.parse(null, null, null, null, null, productId));
        List<AffectedProduct> products = downstream.body().stream()
                .map(p -> new AffectedProduct(p.id(), p.ownerTeam(), p.steward())).toList();
        ImpactReport report = ImpactAnalysis.report(HYPOTHETICAL, null, current, change, products, readers::of, Instant.now());
        return new Answer<>(JSON.convertValue(REPORTS.toJson(report), CONTRACT_MAP), contract.coverage().and(downstream.coverage())).respond();
    }

    private static ImpactKind kind(String raw) {
        String text = Params.blankToNull(raw);
        ImpactKind kind = text == null ? ImpactKind.BREAKING_CHANGE
                : Params.enumValue("kind", ImpactKind.class, text.replace('-', '_').toLowerCase(Locale.ROOT));
        if (kind == ImpactKind.UNKNOWN) {
            throw new InvalidParameterException("kind", "kind must be breaking_change, deprecation or retirement");
        }
        return kind;
    }
}
