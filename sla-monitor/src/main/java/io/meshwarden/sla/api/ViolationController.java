package io.meshwarden.sla.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.meshwarden.avro.Violation;
import io.meshwarden.schemas.EventCodec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/violations?productId=&domain=&ruleId=&status=&offset=&limit=}: the latest state of the
 * matching violations, newest first, one page ({@code offset} skipped, at most {@code limit}), as a JSON array of plain-JSON violations (the same JSON domain teams
 * write: ISO timestamps, no union wrappers). 400 names the bad parameter; 503 while the store is
 * not queryable.
 *
 * <p>Parameters are taken as text and validated here, so a bad one gets this API's error body.
 * The array is rendered with the schemas module's JSON mapping rather than Micronaut's serializer,
 * so that it is exactly what {@link EventCodec#toJson} gives.
 */
@Controller("/api/violations")
public class ViolationController {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ViolationReader reader;
    private final EventCodec<Violation> codec = EventCodec.of(Violation.class);

    public ViolationController(ViolationReader reader) {
        this.reader = reader;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> list(@Nullable @QueryValue String productId, @Nullable @QueryValue String domain,
                                     @Nullable @QueryValue String ruleId, @Nullable @QueryValue String status,
                                     @Nullable @QueryValue String offset, @Nullable @QueryValue String limit) {
        ViolationQuery query = ViolationQuery.parse(productId, domain, ruleId, status, offset, limit);
        ArrayNode body = JSON.createArrayNode();
        reader.find(query).forEach(violation -> body.add(codec.toJson(violation)));
        return HttpResponse.ok(render(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static String render(ArrayNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot render violations as JSON", e);
        }
    }
}
