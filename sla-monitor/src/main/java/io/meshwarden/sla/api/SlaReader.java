package io.meshwarden.sla.api;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.schemas.SnapshotBands;
import io.meshwarden.sla.alerts.AlertIds;
import io.meshwarden.sla.budget.Downtime;
import io.meshwarden.sla.budget.SlaStatus;
import io.meshwarden.sla.cluster.StoreView;
import io.meshwarden.sla.streams.AvailabilityState;
import io.meshwarden.sla.streams.SlaStores;
import io.meshwarden.sla.streams.TimelinessState;
import io.meshwarden.sla.timeliness.TimeMeasure;
import io.meshwarden.sla.timeliness.TimeObjective;
import io.meshwarden.streams.StoreUnavailableException;
import java.util.List;

/**
 * The API's reads of one {@link StoreView} of this instance's {@link SlaStores}: contracts, quality
 * snapshots (with their anomaly bands), alerts, availability and timeliness. No other database; what
 * other instances hold is theirs to read ({@link io.meshwarden.sla.cluster.ClusterReader}).
 *
 * @throws StoreUnavailableException from every method while a store cannot be queried
 */
public class SlaReader {
    private final StoreView view;

    public SlaReader(StoreView view) {
        this.view = view;
    }

    public List<DataProductContract> contracts() {
        return view.all(SlaStores.CATALOG);
    }

    public DataProductContract contract(String productId) {
        return view.get(SlaStores.CATALOG, productId);
    }

    /**
     * The product's latest quality snapshot with its anomaly bands ({@link SnapshotBands}): its own, else
     * the latest of {@link SlaStores#ANOMALY_BANDS}, a store of the same task; null without a snapshot.
     */
    public QualitySnapshot snapshot(String productId) {
        QualitySnapshot snapshot = view.get(SlaStores.SNAPSHOTS, productId);
        if (snapshot == null) {
            return null;
        }
        AnomalyBands bands = view.get(SlaStores.ANOMALY_BANDS, productId);
        return SnapshotBands.attach(snapshot, bands);
    }

    public List<Alert> alerts() {
        return view.all(SlaStores.ALERTS);
    }

    public Alert alert(String alertId) {
        return view.get(SlaStores.ALERTS, alertId);
    }

    /** The alerts of one product: a prefix scan of the alert ids. */
    public List<Alert> alertsOf(String productId) {
        return view.<Alert>prefixScan(SlaStores.ALERTS, AlertIds.of(productId, "")).stream()
                .filter(alert -> productId.equals(alert.getProductId())).toList();
    }

    /**
     * Availability, budget and timeliness objectives now; a product without recorded outages has been
     * up all along, one without timeliness samples has no measured p99.
     */
    public SlaStatus status(String productId, DataProductContract contract, long now) {
        AvailabilityState state = view.get(SlaStores.AVAILABILITY, productId);
        Double target = contract == null || contract.getGuarantees() == null ? null
                : contract.getGuarantees().getAvailabilityPercent();
        TimelinessState timeliness = view.get(SlaStores.TIMELINESS, productId);
        return SlaStatus.of(state == null ? Downtime.none() : state.downtime(), target, now).withTimeliness(
                objective(timeliness, TimeMeasure.DETECT, contract, now), objective(timeliness, TimeMeasure.NOTIFY, contract, now));
    }

    private static TimeObjective objective(TimelinessState state, TimeMeasure measure, DataProductContract contract,
                                           long now) {
        return TimeObjective.of(state == null ? null : state.histogram(measure), measure.target(contract), now);
    }
}
