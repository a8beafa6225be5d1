package io.meshwarden.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.config.MeshwardenConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the topology: renaming or reordering a processor, store or internal topic orphans the state of
 * running deployments, so such a change must be deliberate. After one, rewrite the expected file with
 * {@code mvn -pl access test -Dtest=AccessTopologyDescriptionTest -Dtopology.update=true} and commit it.
 */
class AccessTopologyDescriptionTest {
    private static final Path EXPECTED = Path.of("src/test/resources/access-topology.txt");

    @Test
    void topologyIsTheOneDeploymentsRunWith() throws IOException {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of());
        String actual = AccessTopology.build(config.topics(), Duration.ofSeconds(1),
                config.streamsProperties(AccessTopology.APPLICATION_SUFFIX)).describe().toString();
        if (Boolean.getBoolean("topology.update")) {
            Files.writeString(EXPECTED, actual, StandardCharsets.UTF_8);
        }

        assertThat(normalize(actual)).isEqualTo(normalize(Files.readString(EXPECTED, StandardCharsets.UTF_8)));
    }

    private static String normalize(String text) {
        return text.strip().replaceAll("[ \\t]+\\n", "\n");
    }
}
