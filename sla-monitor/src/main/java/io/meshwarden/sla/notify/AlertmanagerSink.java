package io.meshwarden.sla.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertState;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;

/**
 * Prometheus Alertmanager, through its v2 API ({@code POST /api/v2/alerts}): each transition as an
 * alert whose labels identify it ({@code alertname} the rule, {@code alert_id}, {@code domain},
 * {@code product}, {@code severity}, {@code owner_team}, {@code steward}: Alertmanager routes and
 * groups on these with the configuration operations already have), its state and message as
 * annotations (a label that changed would make it another alert), {@code startsAt} its first
 * occurrence and, once resolved, {@code endsAt} its resolution. Active alerts are re-sent by
 * {@link #refresh} so that Alertmanager, which resolves an alert it has not heard of for
 * {@code resolve_timeout} (5 min by default), keeps them open while they are.
 */
final class AlertmanagerSink implements NotificationSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPoster poster;

    AlertmanagerSink(URI alertmanager, Retry retry) {
        this.poster = new HttpPoster(alertmanager.resolve("/api/v2/alerts"), retry);
    }

    @Override
    public String name() {
        return "alertmanager";
    }

    @Override
    public void deliver(Alert transition) {
        ArrayNode alerts = JSON.createArrayNode();
        alerts.add(payload(transition));
        poster.post(alerts.toString(), java.util.Map.of());
    }

    @Override
    public void refresh(Collection<Alert> active) {
        if (active.isEmpty()) {
            return;
        }
        ArrayNode alerts = JSON.createArrayNode();
        active.forEach(alert -> alerts.add(payload(alert)));
        poster.post(alerts.toString(), java.util.Map.of());
    }

    static ObjectNode payload(Alert alert) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode labels = node.putObject("labels");
        labels.put("alertname", alert.getSlaKind());
        labels.put("alert_id", alert.getAlertId());
        labels.put("domain", alert.getDomain());
        labels.put("product", alert.getProductId());
        labels.put("rule", alert.getSlaKind());
        labels.put("severity", alert.getSeverity().name().toLowerCase(Locale.ROOT));
        labels.put("source", "meshwarden");
        if (alert.getOwnerTeam() != null) {
            labels.put("owner_team", alert.getOwnerTeam());
        }
        if (alert.getSteward() != null) {
            labels.put("steward", alert.getSteward());
        }
        ObjectNode annotations = node.putObject("annotations");
        annotations.put("summary", alert.getMessage());
        annotations.put("state", alert.getState().name().toLowerCase(Locale.ROOT));
        annotations.put("transition", alert.getTransition());
        annotations.put("occurrences", Long.toString(alert.getOccurrences()));
        if (alert.getAcknowledgedBy() != null) {
            annotations.put("acknowledged_by", alert.getAcknowledgedBy());
        }
        if (alert.getRunbookUrl() != null) {
            annotations.put("runbook_url", alert.getRunbookUrl());
        }
        node.put("startsAt", alert.getFirstSeen().toString());
        if (alert.getState() == AlertState.RESOLVED) {
            node.put("endsAt", alert.getChangedAt().toString());
        }
        return node;
    }
}
