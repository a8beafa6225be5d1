package io.meshwarden.quality.governance;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the reverse lineage of the catalog: for every product, which active products list it as
 * upstream. Reads lineage edges keyed by the upstream product (so they sit on the same partition
 * as that product's contract changes) and writes the store the lifecycle rule asks when a
 * product wants to retire. Store keys are {@code <upstream> NUL <consumer>}, read by prefix.
 */
final class LineageProcessor implements Processor<String, String, Void, Void> {
    static final char SEPARATOR = '\u0000';
    static final String ACTIVE = "+";
    static final String INACTIVE = "-";

    private final String storeName;
    private KeyValueStore<String, String> lineage;

    LineageProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.lineage = context.getStateStore(storeName);
    }

    /** Value: {@code +<consumer>} when the consumer is active and lists the key upstream, {@code -<consumer>} otherwise. */
    @Override
    public void process(Record<String, String> record) {
        String consumer = record.value().substring(1);
        String key = record.key() + SEPARATOR + consumer;
        if (record.value().startsWith(ACTIVE)) {
            lineage.put(key, consumer);
        } else {
            lineage.delete(key);
        }
    }
}
