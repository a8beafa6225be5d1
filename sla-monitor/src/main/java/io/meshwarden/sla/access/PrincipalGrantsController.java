package io.meshwarden.sla.access;

import io.meshwarden.avro.AccessState;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * "What can I read": {@code GET /api/principals/{principal}/grants} lists a principal's live grants
 * (APPROVED or PROVISIONED): the product, its topics, until when, and the request that gave it.
 */
@Controller("/api/principals")
public class PrincipalGrantsController {
    private static final Set<AccessState> LIVE = Set.of(AccessState.APPROVED, AccessState.PROVISIONED);

    private final AccessRequestsView requests;

    public PrincipalGrantsController(AccessRequestsView requests) {
        this.requests = requests;
    }

    @Operation(summary = "The live grants of a principal (User:<name>), by product")
    @Get("/{principal}/grants")
    public List<GrantView> grants(@PathVariable String principal) {
        return requests.all().stream().filter(r -> principal.equals(r.getPrincipal()) && LIVE.contains(r.getState()))
                .map(GrantView::of).sorted(Comparator.comparing(GrantView::productId).thenComparing(GrantView::requestId)).toList();
    }
}
