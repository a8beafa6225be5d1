package io.meshwarden.sla.streams;

import io.meshwarden.avro.DataProductContract;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * A processor's read-only view of {@link SlaStores#CATALOG}, the catalog table of this partition
 * (the catalog topic is keyed by product id like the violations, so a product's contract is local).
 */
final class CatalogLookup {
    private final KeyValueStore<String, ValueAndTimestamp<DataProductContract>> store;

    CatalogLookup(ProcessingContext context) {
        this.store = context.getStateStore(SlaStores.CATALOG);
    }

    /** The product's last accepted contract, or null if the catalog does not know it (yet). */
    DataProductContract contract(String productId) {
        return ValueAndTimestamp.getValueOrNull(store.get(productId));
    }

    /** The product's guaranteed availability in percent, or null when its contract promises none. */
    Double availabilityTarget(String productId) {
        DataProductContract contract = contract(productId);
        return contract == null || contract.getGuarantees() == null ? null
                : contract.getGuarantees().getAvailabilityPercent();
    }
}
