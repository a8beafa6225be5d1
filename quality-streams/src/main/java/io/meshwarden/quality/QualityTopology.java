package io.meshwarden.quality;

import io.meshwarden.governance.BuiltInPolicies;
import io.meshwarden.quality.governance.GovernanceTopology;
import io.meshwarden.schemas.TopicCatalog;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** The whole quality-streams topology: what production runs and what the tests build. */
public final class QualityTopology {
    private QualityTopology() {
    }

    public static Topology build(TopicCatalog topics) {
        StreamsBuilder builder = new StreamsBuilder();
        GovernanceTopology.build(builder, topics, BuiltInPolicies::globalEngine);
        return builder.build();
    }
}
