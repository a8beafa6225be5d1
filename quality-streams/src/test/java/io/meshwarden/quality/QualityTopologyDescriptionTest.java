package io.meshwarden.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.schemas.TopicCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Pins the topology. Renaming or reordering a processor, store or internal topic changes this
 * text; state stores and changelogs are named after it, so such a change orphans state in
 * running deployments and must be deliberate: update the expected file in the same commit.
 */
class QualityTopologyDescriptionTest {

    @Test
    void topologyIsTheOneDeploymentsRunWith() throws IOException {
        String actual = QualityTopology.build(TopicCatalog.defaults()).describe().toString();

        assertThat(normalize(actual)).isEqualTo(normalize(expected()));
    }

    private static String expected() throws IOException {
        try (InputStream in = QualityTopologyDescriptionTest.class.getResourceAsStream("/quality-topology.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String normalize(String text) {
        return text.strip().replaceAll("[ \\t]+\\n", "\n");
    }
}
