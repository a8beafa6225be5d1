package io.meshwarden.streams.testing;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A production topology in a {@link TopologyTestDriver}, set up as every Meshwarden topology test
 * needs it: built and run with the application's own Streams properties (the default configuration,
 * state in a directory of its own), the driver's wall clock starting at a chosen instant, and typed
 * access to the catalog's topics and to the stores. In streams-support's test-jar, so that each
 * service's tests set up the driver this one way.
 */
public final class TopologyFixture implements AutoCloseable {
    private final Path stateDir;
    private final TopicCatalog topics;
    private final Topology topology;
    private final TopologyTestDriver driver;
    private final Instant start;

    private TopologyFixture(Path stateDir, TopicCatalog topics, Topology topology, TopologyTestDriver driver, Instant start) {
        this.stateDir = stateDir;
        this.topics = topics;
        this.topology = topology;
        this.driver = driver;
        this.start = start;
    }

    /**
     * Builds the topology from the catalog and the Streams properties of {@code application} and
     * starts a driver on it, with its state in a new temporary directory that {@link #close} deletes.
     * A test can hold the fixture in a field with {@code @AutoClose}: a fresh one per test.
     *
     * @param application suffix of the application id, as the application passes it
     * @param start       the driver's initial wall-clock time, and the first timestamp of a typed input
     */
    public static TopologyFixture start(String application, Instant start,
                                        BiFunction<TopicCatalog, Properties, Topology> topology) {
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("meshwarden-topology-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory", e);
        }
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(Settings.STATE_DIR.key(), stateDir.toString()));
        Properties properties = config.streamsProperties(application);
        Topology built = topology.apply(config.topics(), properties);
        return new TopologyFixture(stateDir, config.topics(), built, new TopologyTestDriver(built, properties, start), start);
    }

    /** A typed input whose records, piped without a timestamp, are stamped with the start instant. */
    public <V> TestInputTopic<String, V> input(TopicSpec<String, V> spec) {
        Topic<String, V> topic = topics.topic(spec);
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), start,
                Duration.ZERO);
    }

    /** An input of bytes as they arrive on the topic, to send what no serde would write. */
    public TestInputTopic<byte[], byte[]> rawInput(TopicSpec<?, ?> spec) {
        return driver.createInputTopic(topics.name(spec), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    }

    public <V> TestOutputTopic<String, V> output(TopicSpec<String, V> spec) {
        Topic<String, V> topic = topics.topic(spec);
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /** The dead-letter topic, as the original bytes it holds. */
    public TestOutputTopic<byte[], byte[]> deadLetters() {
        return driver.createOutputTopic(topics.name(Topics.DEAD_LETTER), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    public <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    public TopicCatalog topics() {
        return topics;
    }

    public Topology topology() {
        return topology;
    }

    /** Per sub-topology of the topology, the stores its processors use: stores of one set share their tasks. */
    public List<Set<String>> storesBySubtopology() {
        return topology().describe().subtopologies().stream()
                .map(subtopology -> subtopology.nodes().stream()
                        .filter(TopologyDescription.Processor.class::isInstance)
                        .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
                        .collect(Collectors.toSet()))
                .toList();
    }

    /** The driver itself: wall-clock time, and topics outside the catalog. */
    public TopologyTestDriver driver() {
        return driver;
    }

    /** Closes the driver and deletes the state directory. */
    @Override
    public void close() {
        driver.close();
        if (!Files.exists(stateDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the state directory " + stateDir, e);
        }
    }
}
