package io.meshwarden.sla.cluster;

import io.meshwarden.sla.streams.SlaStreams;
import io.meshwarden.streams.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's stores as one read may use them ({@link Scope}): every active partition (RUNNING
 * only, as before), or the partitions named, one store per partition, standby copies included when
 * stale reads are allowed ({@link StoreQueryParameters#enableStaleStores}). Named partitions are read
 * while rebalancing too, as long as their task is here: Kafka Streams refuses a partition it does not
 * hold, and so does this view.
 *
 * @throws StoreUnavailableException from every read while a store of the scope cannot be queried
 */
public final class StoreView {
    private final SlaStreams streams;
    private final Scope scope;

    StoreView(SlaStreams streams, Scope scope) {
        this.streams = streams;
        this.scope = scope;
    }

    public <V> V get(String store, String key) {
        return this.<V, V>read(store, stores -> {
            for (ReadOnlyKeyValueStore<String, V> partition : stores) {
                V value = partition.get(key);
                if (value != null) {
                    return value;
                }
            }
            return null;
        });
    }

    public <V> List<V> all(String store) {
        return this.<V, List<V>>read(store, stores -> {
            List<V> found = new ArrayList<>();
            for (ReadOnlyKeyValueStore<String, V> partition : stores) {
                try (KeyValueIterator<String, V> entries = partition.all()) {
                    entries.forEachRemaining(entry -> found.add(entry.value));
                }
            }
            return found;
        });
    }

    /** The values of every key starting with the prefix, in key order within each partition. */
    public <V> List<V> prefixScan(String store, String prefix) {
        return this.<V, List<V>>read(store, stores -> {
            List<V> found = new ArrayList<>();
            for (ReadOnlyKeyValueStore<String, V> partition : stores) {
                try (KeyValueIterator<String, V> entries = partition.prefixScan(prefix, new StringSerializer())) {
                    entries.forEachRemaining(entry -> found.add(entry.value));
                }
            }
            return found;
        });
    }

    /**
     * How far this instance's copies of the scope's partitions of the store are behind their changelog
     * ({@code store/partition} to offsets); empty unless stale reads are allowed. Asks the brokers for
     * end offsets, so it is asked once per answer.
     */
    Map<String, Long> lags(String store) {
        Map<String, Long> lags = new TreeMap<>();
        if (!scope.stale()) {
            return lags;
        }
        Map<Integer, LagInfo> local;
        try {
            local = streams.client(store).allLocalStorePartitionLags().getOrDefault(store, Map.of());
        } catch (RuntimeException e) {
            // The answer stands without its lag; the header then says nothing of it.
            return lags;
        }
        local.forEach((partition, lag) -> {
            if (scope.partitions().isEmpty() || scope.partitions().contains(partition)) {
                lags.put(Coverage.key(store, partition), lag.offsetLag());
            }
        });
        return lags;
    }

    /** The store may migrate away between the lookup and the end of a scan. */
    private <V, T> T read(String store, Function<List<ReadOnlyKeyValueStore<String, V>>, T> reading) {
        try {
            return reading.apply(this.<V>stores(store));
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new StoreUnavailableException(store, streams.state(), e);
        }
    }

    private <V> List<ReadOnlyKeyValueStore<String, V>> stores(String store) {
        if (scope.partitions().isEmpty() && !scope.stale()) {
            return List.of(streams.store(store));
        }
        KafkaStreams client = streams.client(store);
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters =
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore());
        if (scope.stale()) {
            parameters = parameters.enableStaleStores();
        }
        if (scope.partitions().isEmpty()) {
            return List.of(client.store(parameters));
        }
        List<ReadOnlyKeyValueStore<String, V>> stores = new ArrayList<>();
        for (int partition : scope.partitions()) {
            stores.add(client.store(parameters.withPartition(partition)));
        }
        return stores;
    }
}
