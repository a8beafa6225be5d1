package io.meshwarden.quality.impact;

import io.meshwarden.avro.AffectedProduct;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.ImpactKind;
import io.meshwarden.avro.ImpactReport;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.governance.diff.SemVer;
import io.meshwarden.schemas.impact.ImpactAnalysis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pairs every accepted decision with the catalog record it wrote, in order per product (governance
 * writes both in one transaction, so the n-th accepted decision of a product is its n-th catalog
 * record), whichever arrives first waiting in a pending store under {@code <product> NUL <offset>}.
 * A catalog record is judged when it arrives: when the step from the previous version is a breaking
 * change, a deprecation or a retirement ({@link ImpactAnalysis#kind}), its report names the
 * downstream products (downstream store), the consumer groups and read grants of the product's topics
 * (readers global store); the pair forwards the report with the decision's change id. Rejected
 * decisions wrote nothing to the catalog and hit nobody, nor do decisions of a superseded major (their record is the
 * major's own entry, which the {@link SunsetWatch} follows). A pair whose versions differ means the
 * catalog was written by something other than governance: logged and skipped.
 */
final class ImpactProcessor extends ContextualFixedKeyProcessor<String, ImpactInput, ImpactReport> {
    private static final Logger LOG = LoggerFactory.getLogger(ImpactProcessor.class);
    /** The change id of a pending report whose change hits nobody (kind {@link ImpactKind#UNKNOWN}). */
    private static final String NO_IMPACT = "";

    private KeyValueStore<String, Decision> decisions;
    private KeyValueStore<String, ImpactReport> reports;
    private KeyValueStore<String, DataProductContract> downstream;
    private KeyValueStore<String, DataProductContract> contracts;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<TopicReaders>> readers;

    @Override
    public void init(FixedKeyProcessorContext<String, ImpactReport> context) {
        super.init(context);
        decisions = context.getStateStore(ImpactTopology.PENDING_DECISIONS_STORE);
        reports = context.getStateStore(ImpactTopology.PENDING_REPORTS_STORE);
        downstream = context.getStateStore(ImpactTopology.DOWNSTREAM_STORE);
        contracts = context.getStateStore(ImpactTopology.CONTRACTS_STORE);
        readers = context.getStateStore(ImpactTopology.READERS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, ImpactInput> record) {
        if (record.value() instanceof ImpactInput.Decided decided) {
            Decision decision = decided.decision();
            if (decision.getOutcome() == DecisionOutcome.REJECTED || ofSupersededMajor(record.key(), decision)) {
                return;
            }
            Optional<KeyValue<String, ImpactReport>> report = oldest(reports, record.key());
            if (report.isEmpty()) {
                decisions.put(pendingKey(record.key()), decision);
                return;
            }
            reports.delete(report.get().key);
            pair(record, decision, report.get().value);
        } else if (record.value() instanceof ImpactInput.Accepted accepted) {
            ImpactReport report = judge(accepted, Instant.ofEpochMilli(record.timestamp()));
            Optional<KeyValue<String, Decision>> decision = oldest(decisions, record.key());
            if (decision.isEmpty()) {
                reports.put(pendingKey(record.key()), report);
                return;
            }
            decisions.delete(decision.get().key);
            pair(record, decision.get().value, report);
        }
    }

    /**
     * Whether the decision is of a major below the product's version in force: a change of a superseded major, whose catalog
     * record is that major's entry ({@code <id>@v<major>}, not tracked here), so it pairs with none of the product's.
     */
    private boolean ofSupersededMajor(String productId, Decision decision) {
        DataProductContract inForce = contracts.get(productId);
        Optional<SemVer> decided = SemVer.parse(decision.getContractVersion());
        Optional<SemVer> current = inForce == null ? Optional.empty() : SemVer.parse(inForce.getVersion());
        return decided.isPresent() && current.isPresent() && decided.get().major() < current.get().major();
    }

    private void pair(FixedKeyRecord<String, ImpactInput> record, Decision decision, ImpactReport report) {
        if (!decision.getContractVersion().equals(report.getContractVersion())) {
            LOG.warn("impact: decision {} of {} accepted version {} but the catalog's next record is version {}; skipped",
                    decision.getChangeId(), record.key(), decision.getContractVersion(), report.getContractVersion());
            return;
        }
        if (report.getKind() != ImpactKind.UNKNOWN) {
            context().forward(record.withValue(ImpactReport.newBuilder(report).setChangeId(decision.getChangeId())
                    .setReportedAt(decision.getDecidedAt()).build()));
        }
    }

    private ImpactReport judge(ImpactInput.Accepted accepted, Instant at) {
        DataProductContract current = accepted.current();
        Optional<ImpactKind> kind = ImpactAnalysis.kind(accepted.previous(), current);
        if (kind.isEmpty()) {
            return ImpactAnalysis.report(NO_IMPACT, accepted.previous(), current, ImpactKind.UNKNOWN, List.of(), topic -> null, at);
        }
        return ImpactAnalysis.report(NO_IMPACT, accepted.previous(), current, kind.get(), downstreamOf(current.getId()), topic -> {
            ValueAndTimestamp<TopicReaders> read = readers.get(topic);
            return read == null ? null : read.value();
        }, at);
    }

    private List<AffectedProduct> downstreamOf(String productId) {
        List<AffectedProduct> products = new ArrayList<>();
        try (KeyValueIterator<String, DataProductContract> it = downstream.prefixScan(productId + DownstreamProcessor.SEPARATOR,
                Serdes.String().serializer())) {
            it.forEachRemaining(kv -> products.add(ImpactAnalysis.affected(kv.value)));
        }
        return products;
    }

    /** Keyed by the input record's offset, zero-padded, so that a prefix scan returns a product's oldest first. */
    private String pendingKey(String productId) {
        long offset = context().recordMetadata().map(m -> m.offset()).orElse(0L);
        return productId + DownstreamProcessor.SEPARATOR + String.format(java.util.Locale.ROOT, "%019d", offset);
    }

    private static <V> Optional<KeyValue<String, V>> oldest(KeyValueStore<String, V> store, String productId) {
        try (KeyValueIterator<String, V> it = store.prefixScan(productId + DownstreamProcessor.SEPARATOR, Serdes.String().serializer())) {
            return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
        }
    }
}
