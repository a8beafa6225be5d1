package io.meshwarden.sla.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.meshwarden.avro.Violation;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.sla.cluster.Answer;
import io.meshwarden.sla.cluster.ClusterReader;
import io.meshwarden.sla.cluster.ClusterReader.Read;
import io.meshwarden.sla.cluster.Scope;
import io.meshwarden.sla.streams.SlaStores;
import io.meshwarden.sla.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/violations?productId=&domain=&ruleId=&status=&offset=&limit=}: the latest state of the
 * matching violations, newest first, one page ({@code offset} skipped, at most {@code limit}), as a JSON array of plain-JSON violations (the same JSON domain teams
 * write: ISO timestamps, no union wrappers). 400 names the bad parameter; 503 while the store is
 * not queryable. With {@code productId} the instance holding that product answers; without, every
 * instance returns its newest {@code offset + limit} matches and the page is cut from their merge.
 *
 * <p>Parameters are taken as text and validated here, so a bad one gets this API's error body.
 * The array is rendered with the schemas module's JSON mapping rather than Micronaut's serializer,
 * so that it is exactly what {@link EventCodec#toJson} gives.
 */
@Controller("/api/violations")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ViolationController {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterReader cluster;
    private final EventCodec<Violation> codec = EventCodec.of(Violation.class);

    public ViolationController(ClusterReader cluster) {
        this.cluster = cluster;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue String productId,
                                     @Nullable @QueryValue String domain, @Nullable @QueryValue String ruleId,
                                     @Nullable @QueryValue String status, @Nullable @QueryValue String offset,
                                     @Nullable @QueryValue String limit) {
        Scope scope = Scope.of(request);
        ViolationQuery query = ViolationQuery.parse(productId, domain, ruleId, status, offset, limit,
                scope.local() ? ViolationQuery.MAX_OFFSET + ViolationQuery.MAX_LIMIT : ViolationQuery.MAX_LIMIT);
        Answer<List<Violation>> answer;
        if (query.productId() != null) {
            answer = cluster.byKey(scope, query.productId(), read(ClusterReader.pathOf(request), query));
        } else {
            // Each instance returns its newest matches up to the end of the page; the page is cut after the merge.
            ViolationQuery window = scope.local() ? query : query.window();
            String path = UriBuilder.of(request.getUri()).replaceQueryParam("offset", window.offset())
                    .replaceQueryParam("limit", window.limit()).build().toString();
            answer = cluster.fanOut(scope, read(path, window),
                    parts -> ViolationReader.page(parts.stream().flatMap(List::stream).toList(), query));
        }
        return answer.respond(render(answer.body())).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private Read<List<Violation>> read(String path, ViolationQuery query) {
        return new Read<>(SlaStores.VIOLATIONS, path, view -> new ViolationReader(view).find(query), this::parse);
    }

    private String render(List<Violation> violations) {
        ArrayNode body = JSON.createArrayNode();
        violations.forEach(violation -> body.add(codec.toJson(violation)));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot render violations as JSON", e);
        }
    }

    private List<Violation> parse(String body) {
        try {
            List<Violation> violations = new ArrayList<>();
            for (JsonNode node : JSON.readTree(body)) {
                violations.add(codec.fromJson(node));
            }
            return violations;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable violations: " + e.getOriginalMessage(), e);
        }
    }
}
