package io.meshwarden.sla.history;

import io.meshwarden.sla.access.AccessRequestView;
import io.meshwarden.sla.api.AlertView;
import io.meshwarden.sla.api.ProductSummary;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard's product page shows besides its charts and lineage: the catalog entry (owner
 * team, steward, documentation link, health and SLA), the whole contract as plain JSON, its version
 * history with the changelog between versions, governance's decisions including rejected proposals,
 * its alerts (active first, then the most recent), and its access requests and grants where an access
 * service runs ({@code grants} null and {@code grantsUnavailable} saying why otherwise), and the current
 * anomaly band of each detected metric from its latest quality snapshot ({@link BandView}, by metric).
 */
@Serdeable
public record ProductPage(ProductSummary product, Map<String, Object> contract, List<VersionView> versions,
                          List<DecisionView> decisions, List<AlertView> alerts, List<AccessRequestView> grants,
                          String grantsUnavailable, List<BandView> anomalyBands) {
    public ProductPage withGrants(List<AccessRequestView> found, String unavailable) {
        return new ProductPage(product, contract, versions, decisions, alerts, found, unavailable, anomalyBands);
    }
}
