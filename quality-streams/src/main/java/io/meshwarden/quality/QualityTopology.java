package io.meshwarden.quality;

import io.meshwarden.quality.governance.GovernanceTopology;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.quality.rolling.RollingQualityTopology;
import io.meshwarden.schemas.TopicCatalog;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** The whole quality-streams topology: what production runs and what the tests build. */
public final class QualityTopology {
    private QualityTopology() {
    }

    public static Topology build(TopicCatalog topics) {
        return build(topics, QualityOptions.defaults());
    }

    public static Topology build(TopicCatalog topics, QualityOptions quality) {
        StreamsBuilder builder = new StreamsBuilder();
        GovernanceTopology.build(builder, topics);
        RollingQualityTopology.build(builder, topics, quality);
        return builder.build();
    }
}
