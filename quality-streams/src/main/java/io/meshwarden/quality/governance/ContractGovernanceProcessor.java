package io.meshwarden.quality.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.Violation;
import io.meshwarden.governance.Evaluation;
import io.meshwarden.governance.GovernanceEngine;
import io.meshwarden.governance.Violations;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Evaluates each contract change against the policy set in force and decides it. Reads and
 * writes the store of last accepted contracts: an accepted change replaces the entry, a
 * rejected one leaves the previous version in force.
 */
final class ContractGovernanceProcessor implements Processor<String, ContractChange, String, GovernanceOutcome> {
    private final Supplier<GovernanceEngine> engine;
    private final String storeName;
    private ProcessorContext<String, GovernanceOutcome> context;
    private KeyValueStore<String, DataProductContract> accepted;

    ContractGovernanceProcessor(Supplier<GovernanceEngine> engine, String storeName) {
        this.engine = engine;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, GovernanceOutcome> context) {
        this.context = context;
        this.accepted = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, ContractChange> record) {
        ContractChange change = record.value();
        Evaluation evaluation = engine.get().evaluate(change.getContract());
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        List<Violation> violations = Violations.of(evaluation, change, now);
        if (evaluation.accepted()) {
            accepted.put(record.key(), change.getContract());
        }
        Decision decision = Decision.newBuilder()
                .setChangeId(change.getChangeId())
                .setProductId(change.getProductId())
                .setContractVersion(change.getContract().getVersion())
                .setOutcome(evaluation.outcome())
                .setViolations(violations)
                .setPolicySets(List.of(evaluation.policySet().toString()))
                .setDecidedAt(now)
                .build();
        context.forward(record.withValue(new GovernanceOutcome(change, decision, violations, evaluation.accepted())));
    }
}
