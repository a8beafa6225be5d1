package io.meshwarden.quality.impact;

import io.meshwarden.avro.DataProductContract;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the last accepted version of every product from the catalog and forwards each new one with the version it replaces. */
final class ContractTracker extends ContextualFixedKeyProcessor<String, DataProductContract, ImpactInput.Accepted> {
    private KeyValueStore<String, DataProductContract> contracts;

    @Override
    public void init(FixedKeyProcessorContext<String, ImpactInput.Accepted> context) {
        super.init(context);
        contracts = context.getStateStore(ImpactTopology.CONTRACTS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, DataProductContract> record) {
        DataProductContract before = contracts.get(record.key());
        contracts.put(record.key(), record.value());
        context().forward(record.withValue(new ImpactInput.Accepted(before, record.value())));
    }
}
