package io.meshwarden.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.config.ConfigLayers;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.OutputFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** quality-streams' command line over its layered configuration: code, file, environment, options. */
class QualityStreamsMainTest {
    @TempDir
    Path dir;

    @Test
    void followsThePrecedenceCodeFileEnvironmentCommandLine() throws IOException {
        ConfigLayers.Configs configs = ConfigLayers.in(dir).assertPrecedence(QualityStreamsMainTest::config,
                "--bootstrap-servers", "cli:9092", "--topic-prefix", "cli.", "--output-format", "avro");

        assertThat(configs.withoutOptions().bootstrapServers()).isEqualTo(ConfigLayers.ENVIRONMENT_BOOTSTRAP_SERVERS);
        assertThat(configs.withOptions().bootstrapServers()).isEqualTo("cli:9092");
    }

    @Test
    void theConfigOptionNamesTheFileOverTheOneTheEnvironmentNames() throws IOException {
        ConfigLayers layers = ConfigLayers.in(dir);
        layers.assertCommandLineNamesTheFile(QualityStreamsMainTest::config, "--config", layers.file().toString());
        Path other = Files.writeString(dir.resolve("other.properties"), "meshwarden.output.format=avro\n");

        MeshwardenConfig config = config(layers.environment(), "--config", other.toString());

        assertThat(config.get(Settings.CONFIG_FILE)).isEqualTo(other.toString());
        assertThat(config.outputFormat()).isEqualTo(OutputFormat.AVRO);
        assertThat(config.get(Settings.APPLICATION_ID_PREFIX)).as("the environment's file is not read").isEqualTo("meshwarden");
    }

    @Test
    void aBadOptionExitsWith2AndPrintsTheProblemAndTheUsage() {
        StringWriter err = new StringWriter();

        int exitCode = new CommandLine(new QualityStreamsMain(Map.of())).setErr(new PrintWriter(err, true)).execute("--config");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("Missing required parameter for option '--config' (FILE)").contains(
                "Usage: quality-streams", "--bootstrap-servers", "--topic-prefix", "MESHWARDEN_CONFIG_FILE");
    }

    private static MeshwardenConfig config(Map<String, String> environment, String... args) {
        QualityStreamsMain main = new QualityStreamsMain(environment);
        new CommandLine(main).parseArgs(args);
        return main.config();
    }
}
