package io.meshwarden.quality;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The production quality topology in a {@link TopologyTestDriver}, with typed access to the mesh topics. */
public final class TopologyHarness implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    private final TopicCatalog topics = TopicCatalog.defaults();
    private final TopologyTestDriver driver;

    public TopologyHarness(Path stateDir) {
        this(stateDir, QualityOptions.defaults());
    }

    /** With rolling-quality options other than the defaults (window step, grace, observed topics). */
    public TopologyHarness(Path stateDir, QualityOptions quality) {
        Properties props = MeshwardenConfig.defaults(Map.of("meshwarden.state.dir", stateDir.toString()))
                .streamsProperties(QualityStreams.APPLICATION);
        driver = new TopologyTestDriver(QualityTopology.build(topics, quality, props), props, START);
    }

    public <V> TestInputTopic<String, V> input(TopicSpec<String, V> spec) {
        Topic<String, V> topic = topics.topic(spec);
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), START,
                java.time.Duration.ZERO);
    }

    public TestInputTopic<byte[], byte[]> rawInput(TopicSpec<?, ?> spec) {
        return driver.createInputTopic(topics.name(spec), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    }

    public <V> TestOutputTopic<String, V> output(TopicSpec<String, V> spec) {
        Topic<String, V> topic = topics.topic(spec);
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    public TestOutputTopic<byte[], byte[]> deadLetters() {
        return driver.createOutputTopic(topics.name(Topics.DEAD_LETTER), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public TopicCatalog topics() {
        return topics;
    }

    @Override
    public void close() {
        driver.close();
    }
}
