package io.meshwarden.quality;

import io.meshwarden.quality.governance.GovernanceOptions;
import io.meshwarden.quality.governance.GovernanceTopology;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.quality.rolling.RollingQualityTopology;
import io.meshwarden.schemas.TopicCatalog;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
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
        add(builder, topics, quality, GovernanceOptions.defaults());
        return builder.build();
    }

    /**
     * Builds with the application's own properties, as production does: Streams then applies them
     * while building (and checks that every internal resource is named).
     */
    public static Topology build(TopicCatalog topics, QualityOptions quality, Properties streamsProperties) {
        return build(topics, quality, GovernanceOptions.defaults(), streamsProperties);
    }

    public static Topology build(TopicCatalog topics, QualityOptions quality, GovernanceOptions governance,
                                 Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        add(builder, topics, quality, governance);
        return builder.build(streamsProperties);
    }

    /** Adds the whole quality topology to {@code builder} (topology tests add the observed app's next to it). */
    public static void add(StreamsBuilder builder, TopicCatalog topics, QualityOptions quality, GovernanceOptions governance) {
        GovernanceTopology.build(builder, topics, governance);
        RollingQualityTopology.build(builder, topics, quality);
        // Last, so that the sub-topologies built before it keep their numbers (and their tasks their ids).
        GovernanceTopology.replicateCatalog(builder, topics);
    }
}
