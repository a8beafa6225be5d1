package io.meshwarden.sla.api;

import io.meshwarden.sla.cluster.ClusterReader;
import io.meshwarden.sla.cluster.Scope;
import io.meshwarden.sla.security.Roles;
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

/** {@code GET /api/contracts}: every contract of the catalog, whole, by product id ({@link LiveCatalog}). */
@Controller("/api")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ContractsController {
    private final LiveCatalog catalog;

    public ContractsController(LiveCatalog catalog) {
        this.catalog = catalog;
    }

    @Operation(summary = "Every contract of the catalog, whole, by product id")
    @Get("/contracts")
    public HttpResponse<List<Map<String, Object>>> contracts(HttpRequest<?> request) {
        return catalog.plain(Scope.of(request), ClusterReader.pathOf(request)).respond();
    }
}
