package io.meshwarden.quality.governance;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.Map;

/** Configuration for one integration test run against the embedded broker. */
public final class ItConfig {
    private ItConfig() {
    }

    /**
     * A fresh topic prefix and application id per run: Streams does not leave its group on close,
     * so a reused id would wait out the previous member's session.
     */
    public static MeshwardenConfig freshRun(EmbeddedKafkaBroker broker, Path stateDir, String name) {
        String run = name + System.nanoTime();
        return MeshwardenConfig.defaults(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(),
                Settings.TOPIC_PREFIX.key(), run + ".",
                Settings.APPLICATION_ID_PREFIX.key(), run,
                Settings.TOPIC_PARTITIONS.key(), "2"));
    }
}
