package io.meshwarden.sla.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.AccessAction;
import io.meshwarden.avro.AccessCommand;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.AccessState;
import io.meshwarden.sla.api.InvalidParameterException;
import io.meshwarden.sla.api.Params;
import io.meshwarden.sla.api.RequestRejectedException;
import io.meshwarden.sla.security.ActingUser;
import io.meshwarden.sla.security.DomainRoles;
import io.meshwarden.sla.security.Roles;
import io.meshwarden.sla.security.SecuritySettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Access requests: {@code GET /api/access-requests?product=&state=&principal=} lists them, newest
 * change first (a product's grants and their history); {@code GET /api/access-requests/{id}} shows one;
 * {@code POST /api/access-requests} files one and {@code POST /api/access-requests/{id}/approve|reject|revoke}
 * decides it, each writing a command to {@code access.commands} and answering 202: the access service
 * applies it (or refuses it, with the reason on {@code mesh.access.audit}), and the request changes then.
 * 400 names the bad field; 404 an unknown request; 409 a request in a state the action does not apply to.
 * Who the owner team and steward are, four eyes and self-approval are the access service's to judge.
 *
 * <p>Reading needs {@value Roles#VIEWER}. The acting user is the authenticated one, as the Kafka
 * principal {@code User:<login>}: a body {@code actor} naming someone else is a 400 naming
 * {@code actor}. Approving, rejecting and revoking also need the role {@code owner:DOMAIN} or
 * {@code steward:DOMAIN} of the product's domain ({@link DomainRoles}, 403 naming it); the access
 * service then checks that the login is the product's owner team or steward as its contract names
 * them, four eyes and no self-approval. With security off, the body's {@code actor} is required and
 * recorded as given.
 */
@Controller("/api/access-requests")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccessRequestController {
    private static final int MAX_TEXT = 500;
    private static final Pattern PRINCIPAL = Pattern.compile("User:[A-Za-z0-9._@+=-]{1,200}");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final AccessRequestsView requests;
    private final AccessCommandPublisher publisher;
    private final boolean secured;

    public AccessRequestController(AccessRequestsView requests, AccessCommandPublisher publisher, SecuritySettings security) {
        this.requests = requests;
        this.publisher = publisher;
        this.secured = security.enabled();
    }

    @Operation(summary = "Access requests by product, state and principal; newest change first")
    @Get
    public List<AccessRequestView> list(@Nullable @QueryValue String product, @Nullable @QueryValue String state,
                                        @Nullable @QueryValue String principal) {
        String productId = Params.blankToNull(product);
        AccessState wanted = Params.blankToNull(state) == null ? null : Params.enumValue("state", AccessState.class, state);
        String grantee = Params.blankToNull(principal);
        return requests.all().stream()
                .filter(r -> productId == null || productId.equals(r.getProductId()))
                .filter(r -> wanted == null || wanted == r.getState())
                .filter(r -> grantee == null || grantee.equals(r.getPrincipal()))
                .map(AccessRequestView::of).sorted(AccessRequestView.NEWEST_CHANGE_FIRST).toList();
    }

    @Operation(summary = "One access request")
    @Get("/{requestId}")
    public AccessRequestView one(@PathVariable String requestId) {
        return AccessRequestView.of(find(requestId));
    }

    @Operation(summary = "Ask for read access to a product for a principal, for a purpose and a duration (ISO-8601)")
    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<AccessCommandAccepted> request(@Nullable Authentication user, @Body @Nullable String body) {
        AccessRequestBody request = parse(body, AccessRequestBody.class);
        String productId = text("productId", request.productId(), true);
        String principal = principal("principal", request.principal());
        String purpose = text("purpose", request.purpose(), true);
        String duration = duration(request.duration());
        String actor = secured ? actor(user, request.actor())
                : request.actor() == null ? principal : principal("actor", request.actor());
        String requestId = request.requestId() == null ? "req-" + UUID.randomUUID().toString().substring(0, 8)
                : requestId(request.requestId());
        if (requests.get(requestId) != null) {
            throw RequestRejectedException.conflict("requestId", "request '" + requestId + "' already exists");
        }
        return publish(command(requestId, AccessAction.REQUEST, actor).setProductId(productId).setPrincipal(principal)
                .setPurpose(purpose).setDuration(duration).build());
    }

    @Operation(summary = "Decide a request: approve or reject (the product's owner team or steward; PENDING only), "
            + "or revoke a grant (APPROVED or PROVISIONED)")
    @Post(uri = "/{requestId}/{action}", consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<AccessCommandAccepted> decide(@Nullable Authentication user, @PathVariable String requestId,
                                                      @PathVariable String action, @Body @Nullable String body) {
        AccessAction verb = Params.enumValue("action", AccessAction.class, action);
        if (!Set.of(AccessAction.APPROVE, AccessAction.REJECT, AccessAction.REVOKE).contains(verb)) {
            throw new InvalidParameterException("action", "action must be approve, reject or revoke, not '" + action + "'");
        }
        AccessDecisionBody decision = parse(body, AccessDecisionBody.class);
        String reason = text("reason", decision.reason(), false);
        AccessRequest current = find(requestId);
        String actor;
        if (secured) {
            DomainRoles.requireApprover(user, domainOf(current.getProductId()));
            actor = actor(user, decision.actor());
        } else {
            actor = principal("actor", decision.actor());
        }
        boolean pendingOnly = verb != AccessAction.REVOKE;
        boolean applies = pendingOnly ? current.getState() == AccessState.PENDING
                : current.getState() == AccessState.APPROVED || current.getState() == AccessState.PROVISIONED;
        if (!applies) {
            throw RequestRejectedException.conflict("requestId", "request '" + requestId + "' is " + current.getState()
                    + "; " + verb.name().toLowerCase(java.util.Locale.ROOT) + " applies to "
                    + (pendingOnly ? "PENDING requests" : "APPROVED or PROVISIONED grants"));
        }
        return publish(command(requestId, verb, actor).setReason(reason).build());
    }

    /** The authenticated user as the Kafka principal {@code User:<login>}; a body actor naming anyone else is a 400. */
    private static String actor(Authentication user, String named) {
        return "User:" + ActingUser.of(user, named, Roles.VIEWER);
    }

    /** The domain of a product id, {@code domain.product}. */
    private static String domainOf(String productId) {
        int dot = productId.indexOf('.');
        return dot < 0 ? productId : productId.substring(0, dot);
    }

    private AccessRequest find(String requestId) {
        AccessRequest request = requests.get(requestId);
        if (request == null) {
            throw RequestRejectedException.notFound("requestId", "no access request '" + requestId + "'");
        }
        return request;
    }

    private HttpResponse<AccessCommandAccepted> publish(AccessCommand command) {
        publisher.publish(command);
        return HttpResponse.accepted().body(new AccessCommandAccepted(command.getCommandId(), command.getRequestId(),
                command.getAction().name(), "/api/access-requests/" + command.getRequestId()));
    }

    private static AccessCommand.Builder command(String requestId, AccessAction action, String actor) {
        return AccessCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setRequestId(requestId)
                .setAction(action).setActor(actor).setIssuedAt(Instant.now());
    }

    private static <T> T parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new InvalidParameterException("body", "a JSON body is required");
        }
        try {
            return JSON.readValue(body, type);
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null
                    ? "body" : e.getPath().get(0).getFieldName();
            throw new InvalidParameterException(field, "the body is not a valid request: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException("body", "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(String field, String value, boolean required) {
        String text = Params.blankToNull(value);
        if (text == null && required) {
            throw new InvalidParameterException(field, field + " is required");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidParameterException(field, field + " is longer than " + MAX_TEXT + " characters");
        }
        return text;
    }

    private static String principal(String field, String value) {
        String text = text(field, value, true);
        if (!PRINCIPAL.matcher(text).matches()) {
            throw new InvalidParameterException(field, field + " must be a Kafka principal User:<name>, not '" + text + "'");
        }
        return text;
    }

    private static String requestId(String value) {
        if (!REQUEST_ID.matcher(value).matches()) {
            throw new InvalidParameterException("requestId", "requestId must be 1 to 100 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    private static String duration(String value) {
        String text = text("duration", value, true);
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("duration", "duration must be ISO-8601 such as P30D or PT12H, not '" + text + "'");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidParameterException("duration", "duration must be positive, not " + text);
        }
        // The access service checks the bounds (at most P365D) and refuses, audited, beyond them.
        return text;
    }
}
