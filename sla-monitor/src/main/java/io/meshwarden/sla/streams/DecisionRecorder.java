package io.meshwarden.sla.streams;

import io.meshwarden.avro.Decision;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Records governance's decision on every contract change in {@link HistoryStores#DECISIONS}, accepted
 * and rejected alike (a rejected one is a proposal its domain is told about, not an operations
 * incident), keyed by product, decision time and change id, so a decision read twice is stored once.
 * Keeps the newest {@link HistoryStores#MAX_DECISIONS} per product.
 *
 * <p>Reads decoded decisions keyed by product id; writes the store; forwards nothing. The topology
 * also connects {@link SlaStores#CATALOG} to it, unread: that puts the decisions in the task of the
 * product's contract, versions and alerts, so the product page is one read of one instance.
 */
final class DecisionRecorder implements Processor<String, Decision, Void, Void> {
    private KeyValueStore<String, Decision> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(HistoryStores.DECISIONS);
    }

    @Override
    public void process(Record<String, Decision> record) {
        Decision decision = record.value();
        String prefix = HistoryStores.productPrefix(record.key());
        store.put(prefix + HistoryStores.time(decision.getDecidedAt().toEpochMilli()) + HistoryStores.SEPARATOR
                + decision.getChangeId(), decision);
        HistoryStores.keepNewest(store, prefix, HistoryStores.MAX_DECISIONS);
    }
}
