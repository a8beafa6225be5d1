package io.meshwarden.sla.api;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertState;
import io.meshwarden.avro.Severity;
import io.meshwarden.sla.alerts.AlertLifecycle;

/**
 * A validated alert search; every filter optional and exact: product, domain, SLA kind or rule,
 * state, severity, and {@code active} (true: not resolved; false: resolved). Newest change first,
 * at most {@code limit}.
 */
public record AlertQuery(String productId, String domain, String slaKind, AlertState state, Severity severity,
                         Boolean active, int limit) {
    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 5000;

    public static AlertQuery parse(String productId, String domain, String slaKind, String state, String severity,
                                   String active, String limit) {
        return new AlertQuery(Params.blankToNull(productId), Params.blankToNull(domain), Params.blankToNull(slaKind),
                Params.enumValue("state", AlertState.class, state), Params.enumValue("severity", Severity.class, severity),
                Params.booleanValue("active", active), Params.intValue("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT));
    }

    public boolean matches(Alert alert) {
        return (productId == null || productId.equals(alert.getProductId()))
                && (domain == null || domain.equals(alert.getDomain()))
                && (slaKind == null || slaKind.equals(alert.getSlaKind()))
                && (state == null || state == alert.getState())
                && (severity == null || severity == alert.getSeverity())
                && (active == null || active == AlertLifecycle.active(alert));
    }
}
