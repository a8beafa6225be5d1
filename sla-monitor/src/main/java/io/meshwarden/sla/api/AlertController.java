package io.meshwarden.sla.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertAction;
import io.meshwarden.avro.AlertCommand;
import io.meshwarden.sla.alerts.AlertIds;
import io.meshwarden.sla.cluster.Answer;
import io.meshwarden.sla.cluster.ClusterReader;
import io.meshwarden.sla.cluster.ClusterReader.Read;
import io.meshwarden.sla.cluster.Scope;
import io.meshwarden.sla.streams.SlaStores;
import io.meshwarden.sla.security.ActingUser;
import io.meshwarden.sla.security.Roles;
import io.meshwarden.sla.security.SecuritySettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriTemplate;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Alerts: {@code GET /api/alerts} lists them (filters in {@link AlertQuery}), from every instance;
 * {@code GET /api/alerts/{productId}/{ruleId}} shows one, from the instance holding its product; {@code POST
 * /api/alerts/{productId}/{ruleId}/acknowledge|resolve|snooze} writes an operator command to the
 * alert-command topic and answers 202 ({@code action} any case), on any instance: the instance whose
 * partition holds the alert applies it, and the alert changes then (watch {@code GET}). 400 names the bad
 * field; 404 an unknown alert; 409 an alert already resolved. Reads run on the blocking executor, since
 * they may wait for other instances ({@link ClusterReader}).
 *
 * <p>Reading needs {@value Roles#VIEWER}, acting {@value Roles#OPERATOR}. The actor a command records is
 * the authenticated user, never a value of the body: a body may leave {@code actor} out, or name that
 * same user; another name is a 400 naming {@code actor}, not silently replaced (a script acting for
 * someone else should fail loudly). With security off ({@code meshwarden.security.enabled=false}) the
 * body's {@code actor} is required and recorded as given.
 *
 * <p>Bodies are parsed here rather than bound by Micronaut, so that malformed JSON also gets this
 * API's error body naming the field ({@code body}).
 */
@Controller("/api/alerts")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertController {
    static final int MAX_SNOOZE_MINUTES = 7 * 24 * 60;
    private static final int MAX_TEXT = 500;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static final Argument<List<AlertView>> ALERTS = Argument.listOf(AlertView.class);
    private static final UriTemplate ONE_ALERT = UriTemplate.of("/api/alerts/{productId}/{ruleId}");

    private final ClusterReader cluster;
    private final AlertCommandPublisher publisher;
    private final boolean secured;

    public AlertController(ClusterReader cluster, AlertCommandPublisher publisher, SecuritySettings security) {
        this.cluster = cluster;
        this.publisher = publisher;
        this.secured = security.enabled();
    }

    @Operation(summary = "Alerts by product, domain, SLA kind, state, severity and active flag; newest change first")
    @Get
    public HttpResponse<List<AlertView>> list(HttpRequest<?> request, @Nullable @QueryValue String productId,
                                              @Nullable @QueryValue String domain, @Nullable @QueryValue String slaKind,
                                              @Nullable @QueryValue String state, @Nullable @QueryValue String severity,
                                              @Nullable @QueryValue String active, @Nullable @QueryValue String limit) {
        AlertQuery query = AlertQuery.parse(productId, domain, slaKind, state, severity, active, limit);
        Scope scope = Scope.of(request);
        Read<List<AlertView>> read = new Read<>(SlaStores.ALERTS, ClusterReader.pathOf(request),
                view -> select(new SlaReader(view), query), cluster.json(ALERTS));
        return (query.productId() == null ? cluster.fanOut(scope, read, parts -> merge(parts, query))
                : cluster.byKey(scope, query.productId(), read)).respond();
    }

    @Operation(summary = "One alert: the current state of the alert of this product and SLA kind or rule")
    @Get("/{productId}/{ruleId}")
    public HttpResponse<AlertView> alert(HttpRequest<?> request, @PathVariable String productId, @PathVariable String ruleId) {
        return find(Scope.of(request), productId, ruleId).respond();
    }

    @Operation(summary = "Act on an alert: action acknowledge (it stops escalating), resolve (by hand; the next breach"
            + " opens a new alert) or snooze (until a time or for some minutes; it reopens if still breaching then)")
    @Post(uri = "/{productId}/{ruleId}/{action}", consumes = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    public HttpResponse<CommandAccepted> act(@Nullable Authentication user, @PathVariable String productId, @PathVariable String ruleId,
                                             @Schema(allowableValues = {"acknowledge", "resolve", "snooze"})
                                             @PathVariable String action,
                                             @RequestBody(content = @Content(schema = @Schema(implementation = AlertActionRequest.class)))
                                             @Body @Nullable String body) {
        return command(user, productId, ruleId, Params.enumValue("action", AlertAction.class, action), body);
    }

    private HttpResponse<CommandAccepted> command(Authentication user, String productId, String ruleId, AlertAction action,
                                                  String body) {
        AlertActionRequest request = parse(body);
        String actor = actor(user, request);
        String reason = text("reason", request.reason(), false);
        Instant now = Instant.now();
        Instant until = action == AlertAction.SNOOZE ? snoozeUntil(request, now) : null;
        // The alert may live on another instance; the command topic reaches whichever applies it.
        AlertView alert = find(Scope.CLUSTER, productId, ruleId).body();
        String alertId = alert.alertId();
        if (!alert.active()) {
            throw RequestRejectedException.conflict("alertId", "alert '" + alertId + "' is already " + alert.state());
        }
        AlertCommand command = AlertCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setAlertId(alertId)
                .setAction(action).setActor(actor).setReason(reason).setSnoozeUntil(until).setIssuedAt(now).build();
        publisher.publish(command);
        return HttpResponse.accepted().body(new CommandAccepted(command.getCommandId(), alertId, action.name(),
                AlertView.iso(until)));
    }

    /** The alert, from the instance holding its product; 404 naming {@code alertId} when there is none. */
    private Answer<AlertView> find(Scope scope, String productId, String ruleId) {
        String alertId = AlertIds.of(productId, ruleId);
        String path = ONE_ALERT.expand(Map.of("productId", productId, "ruleId", ruleId));
        return cluster.byKey(scope, productId, new Read<>(SlaStores.ALERTS, path, view -> {
            Alert alert = new SlaReader(view).alert(alertId);
            if (alert == null) {
                throw RequestRejectedException.notFound("alertId", "no alert '" + alertId + "'");
            }
            return AlertView.of(alert);
        }, cluster.json(Argument.of(AlertView.class))));
    }

    /** Who acts: the authenticated user (a different body actor is a 400), or the body's with security off. */
    private String actor(Authentication user, AlertActionRequest request) {
        String named = text("actor", request.actor(), !secured);
        return secured ? ActingUser.of(user, named, Roles.OPERATOR) : named;
    }

    private static List<AlertView> select(SlaReader reader, AlertQuery query) {
        List<Alert> alerts = query.productId() == null ? reader.alerts() : reader.alertsOf(query.productId());
        return alerts.stream().filter(query::matches).map(AlertView::of).sorted(AlertView.NEWEST_CHANGE_FIRST)
                .limit(query.limit()).toList();
    }

    private static List<AlertView> merge(List<List<AlertView>> parts, AlertQuery query) {
        return parts.stream().flatMap(List::stream).sorted(AlertView.NEWEST_CHANGE_FIRST).limit(query.limit()).toList();
    }

    private static AlertActionRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidParameterException("body", "a JSON body is required ({} will do for acknowledge and resolve)");
        }
        try {
            return JSON.readValue(body, AlertActionRequest.class);
        } catch (JsonMappingException e) {
            // A value of the wrong type or an unknown property: name that field.
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
            throw new InvalidParameterException(field, field + " is required: who acts on the alert");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidParameterException(field, field + " is longer than " + MAX_TEXT + " characters");
        }
        return text;
    }

    private static Instant snoozeUntil(AlertActionRequest request, Instant now) {
        if (request.until() != null && request.minutes() != null) {
            throw new InvalidParameterException("until", "give either until or minutes, not both");
        }
        if (request.minutes() != null) {
            if (request.minutes() < 1 || request.minutes() > MAX_SNOOZE_MINUTES) {
                throw new InvalidParameterException("minutes", "minutes must be between 1 and " + MAX_SNOOZE_MINUTES
                        + ", not " + request.minutes());
            }
            return now.plus(Duration.ofMinutes(request.minutes()));
        }
        if (request.until() == null) {
            throw new InvalidParameterException("until", "a snooze needs until (ISO-8601 instant) or minutes");
        }
        Instant until;
        try {
            until = Instant.parse(request.until());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("until", "until must be an ISO-8601 instant such as 2026-11-25T10:00:00Z, not '"
                    + request.until() + "'");
        }
        if (!until.isAfter(now) || until.isAfter(now.plus(Duration.ofMinutes(MAX_SNOOZE_MINUTES)))) {
            throw new InvalidParameterException("until", "until must be in the future and within 7 days, not " + until);
        }
        return until;
    }
}
