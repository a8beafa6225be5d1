package io.meshwarden.quality;

import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Instant;

/** The production quality topology in a {@link TopologyFixture} whose wall clock starts at {@link #START}. */
public final class TopologyHarness {
    public static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    private TopologyHarness() {
    }

    public static TopologyFixture start() {
        return start(QualityOptions.defaults());
    }

    /** With rolling-quality options other than the defaults (window step, grace, observed topics). */
    public static TopologyFixture start(QualityOptions quality) {
        return TopologyFixture.start(QualityStreams.APPLICATION, START,
                (topics, properties) -> QualityTopology.build(topics, quality, properties));
    }
}
