package io.meshwarden.sla.api;

import io.meshwarden.avro.Alert;
import io.meshwarden.sla.alerts.AlertLifecycle;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Comparator;

/** An alert as the API shows it: its last state, counts, owners, and ISO-8601 times. */
@Serdeable
public record AlertView(String alertId, String productId, String domain, String slaKind, String state, boolean active,
                        String transition, String severity, long occurrences, String firstSeen, String lastSeen,
                        String message, String ownerTeam, String steward, String runbookUrl, String acknowledgedBy,
                        String snoozedUntil, String changedAt) {
    /** The order of every alert list: newest change first, then by id. */
    public static final Comparator<AlertView> NEWEST_CHANGE_FIRST = Comparator
            .comparing((AlertView alert) -> alert.changedAt() == null ? Instant.MIN : Instant.parse(alert.changedAt()))
            .reversed().thenComparing(AlertView::alertId);

    public static AlertView of(Alert alert) {
        return new AlertView(alert.getAlertId(), alert.getProductId(), alert.getDomain(), alert.getSlaKind(),
                alert.getState().name(), AlertLifecycle.active(alert), alert.getTransition(), alert.getSeverity().name(),
                alert.getOccurrences(), iso(alert.getFirstSeen()), iso(alert.getLastSeen()), alert.getMessage(),
                alert.getOwnerTeam(), alert.getSteward(), alert.getRunbookUrl(), alert.getAcknowledgedBy(),
                iso(alert.getSnoozedUntil()), iso(alert.getChangedAt()));
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
