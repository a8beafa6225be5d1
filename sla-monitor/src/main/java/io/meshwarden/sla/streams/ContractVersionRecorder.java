package io.meshwarden.sla.streams;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.schemas.EventCodec;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Records every accepted contract the catalog carries in {@link HistoryStores#VERSIONS}, at the
 * time of its catalog record, as plain JSON; the same contract again (a re-publication of an
 * unchanged version) adds nothing. Keeps the newest {@link HistoryStores#MAX_VERSIONS} per product.
 *
 * <p>Reads the catalog table's updates keyed by product id (a deletion adds nothing); writes the store;
 * forwards nothing.
 */
final class ContractVersionRecorder implements Processor<String, DataProductContract, Void, Void> {
    private static final EventCodec<DataProductContract> CONTRACTS = EventCodec.of(DataProductContract.class);

    private KeyValueStore<String, ContractVersion> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(HistoryStores.VERSIONS);
    }

    @Override
    public void process(Record<String, DataProductContract> record) {
        String productId = record.key();
        if (productId == null || record.value() == null) {
            return;
        }
        String prefix = HistoryStores.productPrefix(productId);
        String json = CONTRACTS.toJson(record.value()).toString();
        List<KeyValue<String, ContractVersion>> kept = HistoryStores.entries(store, prefix);
        if (!kept.isEmpty() && kept.get(kept.size() - 1).value.contractJson().equals(json)) {
            return;
        }
        String version = record.value().getVersion();
        store.put(prefix + HistoryStores.time(record.timestamp()) + HistoryStores.SEPARATOR + version,
                new ContractVersion(version, record.timestamp(), json));
        HistoryStores.keepNewest(store, prefix, HistoryStores.MAX_VERSIONS);
    }
}
