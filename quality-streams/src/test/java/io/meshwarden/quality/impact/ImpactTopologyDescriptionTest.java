package io.meshwarden.quality.impact;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.schemas.TopicCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;

/**
 * Pins the impact app's topology, as {@code QualityTopologyDescriptionTest} pins quality-streams'; rewrite
 * the expected file after a deliberate change with {@code -Dtest=ImpactTopologyDescriptionTest -Dtopology.update=true}.
 */
class ImpactTopologyDescriptionTest {
    private static final Path EXPECTED = Path.of("src/test/resources/impact-topology.txt");

    @Test
    void topologyIsTheOneDeploymentsRunWith() throws IOException {
        StreamsBuilder builder = new StreamsBuilder();
        ImpactTopology.build(builder, TopicCatalog.defaults());
        String actual = builder.build().describe().toString();
        if (Boolean.getBoolean("topology.update")) {
            Files.writeString(EXPECTED, actual, StandardCharsets.UTF_8);
        }

        assertThat(normalize(actual)).isEqualTo(normalize(Files.readString(EXPECTED, StandardCharsets.UTF_8)));
    }

    private static String normalize(String text) {
        return text.strip().replaceAll("[ \\t]+\\n", "\n");
    }
}
