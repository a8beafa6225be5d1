package io.meshwarden.quality.catalog;

import io.meshwarden.avro.DataProductContract;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The accepted contract of every product of one stream task, as read from the catalog topic.
 * Reads and writes a changelogged store (the truth, restored after a restart) and keeps the
 * derived {@link Guarantees} in memory, because every metric event needs them and decoding a
 * contract costs more than the rest of a metric's processing.
 */
public final class ContractBook {
    private final KeyValueStore<String, DataProductContract> store;
    private final Map<String, Optional<Guarantees>> cache = new HashMap<>();

    public ContractBook(KeyValueStore<String, DataProductContract> store) {
        this.store = store;
    }

    /** Records a newly accepted contract and returns the one it replaces, if any. */
    public Optional<DataProductContract> accept(DataProductContract contract) {
        DataProductContract previous = store.get(contract.getId());
        store.put(contract.getId(), contract);
        cache.put(contract.getId(), Optional.of(Guarantees.of(contract)));
        return Optional.ofNullable(previous);
    }

    public Optional<Guarantees> guarantees(String productId) {
        Optional<Guarantees> known = cache.get(productId);
        if (known != null) {
            return known;
        }
        // Unknown ids are not cached: bad input naming random products must not grow the cache.
        DataProductContract contract = store.get(productId);
        if (contract == null) {
            return Optional.empty();
        }
        Optional<Guarantees> guarantees = Optional.of(Guarantees.of(contract));
        cache.put(productId, guarantees);
        return guarantees;
    }
}
