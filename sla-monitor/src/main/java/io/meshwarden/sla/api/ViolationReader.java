package io.meshwarden.sla.api;

import io.meshwarden.avro.Violation;
import io.meshwarden.sla.streams.SlaStreams;
import io.meshwarden.streams.StoreUnavailableException;
import io.meshwarden.sla.streams.ViolationKey;
import io.meshwarden.sla.streams.SlaStores;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers violation searches from the local violation store by interactive query: a prefix range
 * scan when the product is known, a full scan otherwise; newest {@code detectedAt} first.
 *
 * <p>Reads: {@link SlaStores.VIOLATIONS} of this instance (one instance holds every partition
 * today; a scaled-out service would also ask its peers).
 */
@Singleton
public class ViolationReader {
    static final Comparator<Violation> NEWEST_FIRST = Comparator.comparing(Violation::getDetectedAt).reversed()
            .thenComparing(Violation::getProductId).thenComparing(Violation::getViolationId);

    private final SlaStreams streams;

    public ViolationReader(SlaStreams streams) {
        this.streams = streams;
    }

    /** @throws StoreUnavailableException while the store cannot be queried */
    public List<Violation> find(ViolationQuery query) {
        ReadOnlyKeyValueStore<String, Violation> store = streams.violationStore();
        List<Violation> found = new ArrayList<>();
        try (KeyValueIterator<String, Violation> entries = query.productId() == null
                ? store.all()
                : store.prefixScan(ViolationKey.productPrefix(query.productId()), new StringSerializer())) {
            while (entries.hasNext()) {
                KeyValue<String, Violation> entry = entries.next();
                if (query.matches(entry.value)) {
                    found.add(entry.value);
                }
            }
        } catch (InvalidStateStoreException e) {
            // The store can migrate away between the lookup and the end of the scan.
            throw new StoreUnavailableException(SlaStores.VIOLATIONS, streams.state(), e);
        }
        found.sort(NEWEST_FIRST);
        int from = Math.min(query.offset(), found.size());
        return List.copyOf(found.subList(from, Math.min(found.size(), from + query.limit())));
    }
}
