package io.meshwarden.sla.api;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.sla.alerts.AlertLifecycle;
import io.meshwarden.sla.budget.SlaStatus;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One catalog entry: who owns the product, what it is, and how it is doing. {@code health} is
 * CRITICAL with an active BLOCKING alert or while it misses its freshness guarantee, WARNING with an
 * active WARNING alert, OK otherwise.
 */
@Serdeable
public record ProductSummary(String id, String domain, String name, String version, String status, String ownerTeam,
                             String steward, String classification, List<String> tags, String description,
                             String documentationUrl, String health, int openAlerts, SlaStatus sla) {
    /** The status of a product that has alerts but no accepted contract in the catalog. */
    public static final String UNCATALOGUED = "UNCATALOGUED";

    public static ProductSummary of(DataProductContract contract, List<Alert> alerts, SlaStatus sla) {
        List<Alert> active = alerts.stream().filter(AlertLifecycle::active).toList();
        return new ProductSummary(contract.getId(), contract.getDomain(), contract.getName(), contract.getVersion(),
                contract.getStatus().name(), contract.getOwner().getTeam(), contract.getOwner().getSteward(),
                contract.getClassification().name(), List.copyOf(contract.getTags()), contract.getDescription(),
                contract.getDocumentationUrl(), health(active, sla), active.size(), sla);
    }

    /** A product known only from its alerts: no accepted contract (status {@value #UNCATALOGUED}). */
    public static ProductSummary uncatalogued(String productId, List<Alert> alerts, SlaStatus sla) {
        List<Alert> active = alerts.stream().filter(AlertLifecycle::active).toList();
        return new ProductSummary(productId, alerts.get(0).getDomain(), productId, null, UNCATALOGUED,
                alerts.get(0).getOwnerTeam(), alerts.get(0).getSteward(), null, List.of(), null, null,
                health(active, sla), active.size(), sla);
    }

    static String health(List<Alert> active, SlaStatus sla) {
        if (sla.down() || active.stream().anyMatch(alert -> alert.getSeverity() == Severity.BLOCKING)) {
            return "CRITICAL";
        }
        return active.isEmpty() ? "OK" : "WARNING";
    }

    /** Whether the free text occurs (any case) in the id, name, description, tags, team or steward. */
    boolean mentions(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return Stream.concat(Stream.of(id, name, description, ownerTeam, steward),
                        tags.stream())
                .anyMatch(field -> field != null && field.toLowerCase(Locale.ROOT).contains(needle));
    }
}
