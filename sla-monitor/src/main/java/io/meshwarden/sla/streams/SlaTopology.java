package io.meshwarden.sla.streams;

import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

/**
 * The SLA monitor's whole Kafka Streams topology: today the violation store, later the alert
 * lifecycle beside it. Tests build exactly this.
 *
 * <p>Reads {@link #INPUTS}; writes {@link #OUTPUTS} and the changelogs of its stores.
 */
public final class SlaTopology {
    /** Suffix of the application id ({@code <meshwarden.application.id.prefix>-sla}). */
    public static final String APPLICATION_SUFFIX = "sla";
    public static final List<TopicSpec<?, ?>> INPUTS = List.of(Topics.VIOLATIONS);
    public static final List<TopicSpec<?, ?>> OUTPUTS = List.of(Topics.DEAD_LETTER);

    private SlaTopology() {
    }

    /**
     * Builds the topology with the application's own properties, so that Streams checks them while
     * building (every internal resource must be named: {@code ensure.explicit.internal.resource.naming}).
     */
    public static Topology build(TopicCatalog topics, Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        ViolationTopology.build(builder, topics);
        return builder.build(streamsProperties);
    }
}
