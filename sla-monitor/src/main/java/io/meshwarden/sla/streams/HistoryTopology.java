package io.meshwarden.sla.streams;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.DeadLetterRouting;
import io.meshwarden.streams.Partitioning;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;

/**
 * The history part of the {@link SlaTopology}, which the dashboard's product page reads:
 * <pre>
 * snapshots table --updates--> quality-history (quality-history-store; catalog-store for the deadline,
 *                                               anomaly-bands-store for the volume band)
 * catalog table --updates--> contract-versions (contract-versions-store)
 * decisions --decode--> decision-history (decisions-store; catalog-store connected, unread)
 * </pre>
 * Every processor here uses the catalog store or the catalog table, so a product's history shares
 * the task of its contract and alerts; the quality history's use of the bands store puts that store in
 * the same task too, where the API reads a product's snapshot with its bands. Undecodable decisions go
 * to the dead-letter topic with the reason.
 */
final class HistoryTopology {
    private HistoryTopology() {
    }

    static void addTo(StreamsBuilder builder, TopicCatalog topics, KTable<String, DataProductContract> catalog,
                      KTable<String, QualitySnapshot> snapshots) {
        builder.addStateStore(HistoryStores.quality());
        builder.addStateStore(HistoryStores.versions());
        builder.addStateStore(HistoryStores.decisions());
        snapshots.toStream(Named.as("snapshot-updates"))
                .process(QualityHistoryRecorder::new, Named.as("quality-history"), HistoryStores.QUALITY, SlaStores.CATALOG,
                        SlaStores.ANOMALY_BANDS);
        catalog.toStream(Named.as("catalog-updates"))
                .process(ContractVersionRecorder::new, Named.as("contract-versions"), HistoryStores.VERSIONS);
        DeadLetterRouting.decodedStream(builder, topics, topics.topic(Topics.DECISIONS), Decision.class,
                        Decision::getProductId, Partitioning.AS_WRITTEN, "decisions")
                .process(DecisionRecorder::new, Named.as("decision-history"), HistoryStores.DECISIONS, SlaStores.CATALOG);
    }
}
