package io.meshwarden.quality.governance;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ProductStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * The lineage edges an accepted contract changes, keyed by the upstream product: an active
 * product adds itself as consumer of each upstream it lists; a product that stops being active,
 * or stops listing an upstream, removes itself.
 */
final class LineageEdges {
    private LineageEdges() {
    }

    static List<KeyValue<String, String>> of(String productId, GovernanceOutcome outcome) {
        DataProductContract contract = outcome.contract();
        boolean active = contract.getStatus() == ProductStatus.ACTIVE;
        List<KeyValue<String, String>> edges = new ArrayList<>();
        for (String upstream : contract.getUpstreamProducts()) {
            edges.add(KeyValue.pair(upstream, (active ? LineageProcessor.ACTIVE : LineageProcessor.INACTIVE) + productId));
        }
        if (outcome.previous() != null) {
            outcome.previous().getUpstreamProducts().stream().filter(u -> !contract.getUpstreamProducts().contains(u))
                    .forEach(u -> edges.add(KeyValue.pair(u, LineageProcessor.INACTIVE + productId)));
        }
        return edges;
    }
}
