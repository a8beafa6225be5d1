package io.meshwarden.sla.api;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.sla.alerts.AlertIds;
import io.meshwarden.sla.budget.Downtime;
import io.meshwarden.sla.budget.SlaStatus;
import io.meshwarden.sla.streams.AvailabilityState;
import io.meshwarden.sla.streams.SlaStores;
import io.meshwarden.sla.streams.SlaStreams;
import io.meshwarden.streams.StoreUnavailableException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The API's reads, all interactive queries of this instance's {@link SlaStores}: contracts, quality
 * snapshots, alerts and availability. No other database.
 *
 * @throws StoreUnavailableException from every method while a store cannot be queried
 */
@Singleton
public class SlaReader {
    private final SlaStreams streams;

    public SlaReader(SlaStreams streams) {
        this.streams = streams;
    }

    public List<DataProductContract> contracts() {
        return all(SlaStores.CATALOG);
    }

    public DataProductContract contract(String productId) {
        return get(SlaStores.CATALOG, productId);
    }

    public QualitySnapshot snapshot(String productId) {
        return get(SlaStores.SNAPSHOTS, productId);
    }

    public List<Alert> alerts() {
        return all(SlaStores.ALERTS);
    }

    public Alert alert(String alertId) {
        return get(SlaStores.ALERTS, alertId);
    }

    /** The alerts of one product: a prefix scan of the alert ids. */
    public List<Alert> alertsOf(String productId) {
        return guarded(SlaStores.ALERTS, () -> {
            ReadOnlyKeyValueStore<String, Alert> store = streams.store(SlaStores.ALERTS);
            List<Alert> found = new ArrayList<>();
            try (KeyValueIterator<String, Alert> entries = store.prefixScan(AlertIds.of(productId, ""), new StringSerializer())) {
                entries.forEachRemaining(entry -> {
                    if (productId.equals(entry.value.getProductId())) {
                        found.add(entry.value);
                    }
                });
            }
            return found;
        });
    }

    /** Availability and budget now; a product without recorded outages has been up all along. */
    public SlaStatus status(String productId, DataProductContract contract, long now) {
        AvailabilityState state = get(SlaStores.AVAILABILITY, productId);
        Double target = contract == null || contract.getGuarantees() == null ? null
                : contract.getGuarantees().getAvailabilityPercent();
        return SlaStatus.of(state == null ? Downtime.none() : state.downtime(), target, now);
    }

    private <V> V get(String store, String key) {
        return guarded(store, () -> streams.<V>store(store).get(key));
    }

    private <V> List<V> all(String store) {
        return guarded(store, () -> {
            List<V> found = new ArrayList<>();
            try (KeyValueIterator<String, V> entries = streams.<V>store(store).all()) {
                entries.forEachRemaining(entry -> found.add(entry.value));
            }
            return found;
        });
    }

    /** A store can migrate away between the lookup and the end of a scan. */
    private <T> T guarded(String store, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException(store, streams.state(), e);
        }
    }
}
