package io.meshwarden.quality.governance;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.GroupReader;
import io.meshwarden.avro.TopicReaders;
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
 * global {@link GovernanceTopology#CATALOG_REPLICA_STORE} every instance holds, and who reads a topic, from the
 * global {@link GovernanceTopology#READERS_STORE}.
 */
final class CatalogStores implements CatalogView {
    private final KeyValueStore<String, String> lineage;
    private final KeyValueStore<String, ValueAndTimestamp<DataProductContract>> replica;
    private final KeyValueStore<String, ValueAndTimestamp<TopicReaders>> readers;

    CatalogStores(KeyValueStore<String, String> lineage, KeyValueStore<String, ValueAndTimestamp<DataProductContract>> replica,
                  KeyValueStore<String, ValueAndTimestamp<TopicReaders>> readers) {
        this.lineage = lineage;
        this.replica = replica;
        this.readers = readers;
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
    public List<String> readersOf(String topic) {
        ValueAndTimestamp<TopicReaders> read = readers.get(topic);
        return read == null ? List.of() : read.value().getGroups().stream().map(GroupReader::getGroupId).toList();
    }

    @Override
    public boolean knowsProducts() {
        return true;
    }
}
