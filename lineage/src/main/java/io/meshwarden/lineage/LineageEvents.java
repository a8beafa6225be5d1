package io.meshwarden.lineage;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualitySnapshot;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The OpenLineage JSON of Meshwarden's events: {@link ContractDatasets} for an accepted contract,
 * {@link QualityRuns} for a quality snapshot, written by the client's own
 * {@link OpenLineageClientUtils#toJson}. Every event names Meshwarden's lineage module as its producer.
 */
public final class LineageEvents {
    public static final URI PRODUCER = URI.create("https://github.com/meshwarden/meshwarden/tree/main/lineage");

    private final ContractDatasets contracts;
    private final QualityRuns quality;

    public LineageEvents(KafkaDatasets datasets) {
        OpenLineage openLineage = new OpenLineage(PRODUCER);
        this.contracts = new ContractDatasets(openLineage, datasets);
        this.quality = new QualityRuns(openLineage, datasets);
    }

    /** One DatasetEvent per output port of {@code contract}. */
    public List<String> contract(DataProductContract contract, Instant acceptedAt) {
        return contracts.events(contract, acceptedAt).stream().map(OpenLineageClientUtils::toJson).toList();
    }

    /** The RunEvent of {@code snapshot}, none for a product without an output port. */
    public List<String> snapshot(QualitySnapshot snapshot, DataProductContract contract) {
        return quality.event(snapshot, contract).map(OpenLineageClientUtils::toJson).stream().toList();
    }
}
