package io.meshwarden.sla.streams;

import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.schemas.SnapshotBands;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Records each quality snapshot in {@link HistoryStores#QUALITY}: as the product's point of its
 * five-minute step (the latest snapshot of the step wins) and into the rollup of its hour, with the
 * freshness deadline its contract promises then ({@link CatalogLookup}) and the volume band: the
 * snapshot's own (an earlier release's), else the product's latest bands when the snapshot arrives
 * ({@link SnapshotBands}). Each write drops the product's points that left their span (24 hours,
 * 30 days) behind the task's stream time, so a product holds at most 288 points and 720 rollups; a
 * point already older than its span is not written.
 *
 * <p>Reads the snapshot table's updates keyed by product id, {@link SlaStores#CATALOG} and
 * {@link SlaStores#ANOMALY_BANDS}; writes {@link HistoryStores#QUALITY}; forwards nothing.
 */
final class QualityHistoryRecorder implements Processor<String, QualitySnapshot, Void, Void> {
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, QualityPoint> store;
    private CatalogLookup catalog;
    private KeyValueStore<String, ValueAndTimestamp<AnomalyBands>> bands;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(HistoryStores.QUALITY);
        this.catalog = new CatalogLookup(context);
        this.bands = context.getStateStore(SlaStores.ANOMALY_BANDS);
    }

    @Override
    public void process(Record<String, QualitySnapshot> record) {
        String productId = record.key();
        if (productId == null || record.value() == null) {
            return;
        }
        QualitySnapshot snapshot = SnapshotBands.attach(record.value(), ValueAndTimestamp.getValueOrNull(bands.get(productId)));
        QualityPoint point = QualityPoint.of(snapshot, catalog.contract(productId));
        long now = Math.max(point.at(), context.currentStreamTimeMs());
        long step = HistoryStores.FINE_STEP.toMillis();
        long hour = HistoryStores.ROLLUP_STEP.toMillis();
        long fineCutoff = now - HistoryStores.FINE_SPAN.toMillis();
        long rollupCutoff = now - HistoryStores.ROLLUP_SPAN.toMillis();
        if (point.at() >= fineCutoff) {
            store.put(HistoryStores.finePrefix(productId) + HistoryStores.time(floor(point.at(), step)), point);
        }
        long hourStart = floor(point.at(), hour);
        if (hourStart >= rollupCutoff) {
            String key = HistoryStores.rollupPrefix(productId) + HistoryStores.time(hourStart);
            QualityPoint rollup = store.get(key);
            store.put(key, rollup == null ? point.at(hourStart) : rollup.plus(point));
        }
        HistoryStores.deleteBefore(store, HistoryStores.finePrefix(productId), fineCutoff);
        HistoryStores.deleteBefore(store, HistoryStores.rollupPrefix(productId), rollupCutoff);
    }

    private static long floor(long time, long step) {
        return Math.floorDiv(time, step) * step;
    }
}
