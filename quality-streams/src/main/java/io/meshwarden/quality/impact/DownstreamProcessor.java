package io.meshwarden.quality.impact;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ProductStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps, per upstream product, the contracts of the live (active or deprecated) products that list it
 * upstream: the downstream products an impact report names with their owners. Reads a consumer's
 * contract keyed by one upstream it lists or listed ({@link #edges}); store keys are
 * {@code <upstream> NUL <consumer>}, read by prefix.
 */
final class DownstreamProcessor implements Processor<String, DataProductContract, Void, Void> {
    static final char SEPARATOR = '\u0000';

    private KeyValueStore<String, DataProductContract> downstream;

    /** The consumer's contract keyed by every upstream it lists now or listed before. */
    static List<KeyValue<String, DataProductContract>> edges(ImpactInput.Accepted accepted) {
        List<KeyValue<String, DataProductContract>> edges = new ArrayList<>();
        accepted.current().getUpstreamProducts().forEach(u -> edges.add(KeyValue.pair(u, accepted.current())));
        if (accepted.previous() != null) {
            accepted.previous().getUpstreamProducts().stream().filter(u -> !accepted.current().getUpstreamProducts().contains(u))
                    .forEach(u -> edges.add(KeyValue.pair(u, accepted.current())));
        }
        return edges;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        downstream = context.getStateStore(ImpactTopology.DOWNSTREAM_STORE);
    }

    @Override
    public void process(Record<String, DataProductContract> record) {
        DataProductContract consumer = record.value();
        String key = record.key() + SEPARATOR + consumer.getId();
        boolean live = consumer.getStatus() == ProductStatus.ACTIVE || consumer.getStatus() == ProductStatus.DEPRECATED;
        if (live && consumer.getUpstreamProducts().contains(record.key())) {
            downstream.put(key, consumer);
        } else {
            downstream.delete(key);
        }
    }
}
