package io.meshwarden.quality;

import io.meshwarden.quality.governance.GovernanceOptions;
import io.meshwarden.quality.observed.ObservedOptions;
import io.meshwarden.quality.observed.ObservedTopology;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Instant;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

/** The production quality topology in a {@link TopologyFixture} whose wall clock starts at {@link #START}. */
public final class TopologyHarness {
    public static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    private TopologyHarness() {
    }

    public static TopologyFixture start() {
        return start(QualityOptions.defaults());
    }

    /**
     * With rolling-quality options other than the defaults (window step, grace, observed topics). With observed
     * topics, the observed app's topology runs in the same driver (production runs it as an application of its
     * own): the driver feeds the measurements it writes to the quality topology, which reads that topic.
     */
    public static TopologyFixture start(QualityOptions quality) {
        return TopologyFixture.start(QualityStreams.APPLICATION, START, (topics, properties) -> {
            StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties)));
            QualityTopology.add(builder, topics, quality, GovernanceOptions.defaults());
            quality.observedTopics().ifPresent(pattern -> ObservedTopology.add(builder, topics, ObservedOptions.of(pattern)));
            return builder.build(properties);
        });
    }
}
