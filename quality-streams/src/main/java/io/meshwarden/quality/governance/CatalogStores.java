package io.meshwarden.quality.governance;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.CatalogView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The catalog as one governance task sees it: who consumes a product, from the reverse-lineage store of
 * its partition ({@link GovernanceTopology#LINEAGE_STORE}), and any product's contract in force, from the
 * global {@link GovernanceTopology#CATALOG_REPLICA_STORE} every instance holds.
 */
final class CatalogStores implements CatalogView {
    private final KeyValueStore<String, String> lineage;
    private final KeyValueStore<String, ValueAndTimestamp<DataProductContract>> replica;

    CatalogStores(KeyValueStore<String, String> lineage, KeyValueStore<String, ValueAndTimestamp<DataProductContract>> replica) {
        this.lineage = lineage;
        this.replica = replica;
    }

    @Override
    public List<String> activeConsumersOf(String productId) {
        List<String> consumers = new ArrayList<>();
        try (var range = lineage.prefixScan(productId + LineageProcessor.SEPARATOR, new StringSerializer())) {
            range.forEachRemaining(entry -> consumers.add(entry.value));
        }
        return consumers;
    }

    @Override
    public Optional<DataProductContract> product(String productId) {
        return Optional.ofNullable(replica.get(productId)).map(ValueAndTimestamp::value);
    }

    @Override
    public boolean knowsProducts() {
        return true;
    }
}
