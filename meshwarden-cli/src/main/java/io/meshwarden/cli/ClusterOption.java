package io.meshwarden.cli;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import picocli.CommandLine.Option;

/**
 * {@code -b/--bootstrap-servers} after the command name, for the commands that read the cluster only
 * when one is named ({@code ci}, {@code docs --catalog}); it overrides the one named before the command.
 */
final class ClusterOption {
    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
            description = "Kafka cluster to read (overrides -b before the command name)")
    String bootstrapServers;

    /** Whether a cluster was named on the command line, here or before the command name. */
    boolean named(Meshwarden parent) {
        return bootstrapServers != null || parent.bootstrapServers != null;
    }

    MeshwardenConfig config(Meshwarden parent) {
        MeshwardenConfig config = parent.config();
        return bootstrapServers == null ? config : config.with(Settings.BOOTSTRAP_SERVERS.key(), bootstrapServers);
    }
}
