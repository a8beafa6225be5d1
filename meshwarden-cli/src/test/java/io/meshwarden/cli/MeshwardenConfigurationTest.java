package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.config.ConfigLayers;
import io.meshwarden.config.MeshwardenConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The meshwarden command line over its layered configuration: code, file, environment, options. */
class MeshwardenConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void followsThePrecedenceCodeFileEnvironmentCommandLine() throws IOException {
        ConfigLayers.Configs configs = ConfigLayers.in(dir).assertPrecedence(MeshwardenConfigurationTest::config,
                "-b", "cli:9092", "--topic-prefix", "cli.", "--output-format", "avro");

        assertThat(configs.withoutOptions().bootstrapServers()).isEqualTo(ConfigLayers.ENVIRONMENT_BOOTSTRAP_SERVERS);
        assertThat(configs.withOptions().bootstrapServers()).isEqualTo("cli:9092");
    }

    @Test
    void theConfigOptionNamesTheFile() throws IOException {
        ConfigLayers layers = ConfigLayers.in(dir);

        layers.assertCommandLineNamesTheFile(MeshwardenConfigurationTest::config, "--config", layers.file().toString());
    }

    private static MeshwardenConfig config(Map<String, String> environment, String... args) {
        Meshwarden meshwarden = new Meshwarden(environment);
        new CommandLine(meshwarden).parseArgs(args);
        return meshwarden.config();
    }
}
