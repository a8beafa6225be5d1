package io.meshwarden.sla.docs;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.docs.ProductDocs;
import io.meshwarden.sla.api.LiveCatalog;
import io.meshwarden.sla.api.RequestRejectedException;
import io.meshwarden.sla.cluster.Answer;
import io.meshwarden.sla.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;

/**
 * The documentation of the live catalog: {@code GET /docs/} (the index) and {@code GET /docs/{product}.html}
 * (a product's page), the pages `meshwarden docs` writes ({@link ProductDocs}), rendered on each request
 * from every instance's catalog ({@link LiveCatalog}); the pages name {@code /docs/} as their base, so
 * their links hold at {@code /docs} too. 404 names an unknown page.
 */
@Controller("/docs")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DocsController {
    static final String BASE = "/docs/";
    private final LiveCatalog catalog;

    public DocsController(LiveCatalog catalog) {
        this.catalog = catalog;
    }

    @Operation(summary = "The index of the catalog's product documentation")
    @Get("/")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> index() {
        return page(ProductDocs.INDEX);
    }

    @Operation(summary = "One product's documentation page, e.g. /docs/paid-media.campaign-performance.html")
    @Get("/{page}")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> page(@PathVariable String page) {
        Answer<List<DataProductContract>> contracts = catalog.contracts();
        String html = ProductDocs.of(contracts.body()).servedAt(BASE).page(page).orElseThrow(() -> RequestRejectedException.notFound("page",
                "no documentation page '" + page + "'; the index is /docs/"));
        return new Answer<>(html, contracts.coverage()).respond();
    }
}
