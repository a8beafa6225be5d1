package io.meshwarden.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.quality.observed.ObservedOptions;
import io.meshwarden.quality.observed.ObservedTopology;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.TopicCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/**
 * Pins the topology. Renaming or reordering a processor, store or internal topic changes this
 * text; state stores and changelogs are named after it, so such a change orphans state in
 * running deployments and must be deliberate. After a deliberate change, rewrite the expected
 * file with {@code mvn -pl quality-streams test -Dtest=QualityTopologyDescriptionTest -Dtopology.update=true}
 * and commit it with the change.
 */
class QualityTopologyDescriptionTest {
    private static final Path EXPECTED = Path.of("src/test/resources/quality-topology.txt");
    private static final Path EXPECTED_OBSERVED = Path.of("src/test/resources/quality-topology-observed.txt");

    @Test
    void topologyIsTheOneDeploymentsRunWith() throws IOException {
        assertDescribes(QualityTopology.build(TopicCatalog.defaults()), EXPECTED);
    }

    /** The observed app's own topology ({@code ObservedService}); the quality topology is the same with it on or off. */
    @Test
    void observedModeTopologyIsTheOneDeploymentsRunWith() throws IOException {
        java.util.Properties properties = new java.util.Properties();
        properties.put(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG, "observed");
        properties.put(org.apache.kafka.streams.StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        assertDescribes(ObservedTopology.build(TopicCatalog.defaults(), ObservedOptions.of(java.util.regex.Pattern.compile(".*\\.v[0-9]+")),
                properties), EXPECTED_OBSERVED);
        assertThat(QualityTopology.build(TopicCatalog.defaults(), QualityOptions.defaults().withObservedTopics(".*\\.v[0-9]+"))
                .describe().toString()).isEqualTo(QualityTopology.build(TopicCatalog.defaults()).describe().toString());
    }

    private static void assertDescribes(Topology topology, Path expected) throws IOException {
        String actual = topology.describe().toString();
        if (Boolean.getBoolean("topology.update")) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }

        assertThat(normalize(actual)).isEqualTo(normalize(Files.readString(expected, StandardCharsets.UTF_8)));
    }

    private static String normalize(String text) {
        return text.strip().replaceAll("[ \\t]+\\n", "\n");
    }
}
