package io.meshwarden.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.config.ConfigLayers;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.OutputFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * mesh-local's command line over its layered configuration: code, file, environment, options. What
 * {@code MESHWARDEN_OUTPUT_FORMAT=json ./mesh-local.sh} once lost to the options' default values.
 */
class MeshLocalTest {
    private static final String EMBEDDED = "127.0.0.1:19092";

    @TempDir
    Path dir;

    @Test
    void withoutOptionsTheConfigFileAndTheEnvironmentDecide() throws IOException {
        ConfigLayers layers = ConfigLayers.in(dir);

        LocalOptions options = parse(layers.environment());
        MeshwardenConfig config = options.config(EMBEDDED);

        layers.assertNoOptionOverrides(config);
        assertThat(options.bootstrapServers()).as("runs its own broker").isEmpty();
        assertThat(config.bootstrapServers()).isEqualTo(EMBEDDED);
    }

    @Test
    void everyOptionBeatsTheEnvironmentAndTheConfigFile() throws IOException {
        ConfigLayers layers = ConfigLayers.in(dir);

        LocalOptions options = parse(layers.environment(), "--bootstrap-servers", "cli:9092",
                "--topic-prefix", "cli.", "--output-format", "avro", "--no-demo");
        MeshwardenConfig config = options.config(options.bootstrapServers().orElseThrow());

        layers.assertFileAndEnvironmentHonoured(config);
        assertThat(options.bootstrapServers()).contains("cli:9092");
        assertThat(config.bootstrapServers()).isEqualTo("cli:9092");
        assertThat(config.topics().prefix()).isEqualTo("cli.");
        assertThat(config.outputFormat()).isEqualTo(OutputFormat.AVRO);
        assertThat(options.demo()).isFalse();
    }

    @Test
    void theConfigOptionNamesTheFile() throws IOException {
        ConfigLayers layers = ConfigLayers.in(dir);

        MeshwardenConfig config = parse(Map.of(), "--config", layers.file().toString()).config(EMBEDDED);

        assertThat(config.outputFormat()).as("from the config file").isEqualTo(OutputFormat.JSON);
        assertThat(config.topics().prefix()).as("from the config file").isEqualTo("file.");
    }

    @Test
    void helpShowsTheLayeredSettingsWithoutDefaultValuesOfTheirOwn() {
        StringWriter out = new StringWriter();

        int exitCode = new CommandLine(new MeshLocal(Map.of())).setOut(new PrintWriter(out, true)).execute("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: mesh-local", "--output-format=avro|json", "--topic-prefix=PREFIX",
                "--config=FILE", "(default: 9092)", "MESHWARDEN_CONFIG_FILE")
                .doesNotContain("(default: avro)", "(default: mesh.)");
        assertThat(parse(Map.of()).settings()).isEmpty();
        assertThat(parse(Map.of()).bootstrapServers()).isEqualTo(Optional.empty());
    }

    private static LocalOptions parse(Map<String, String> environment, String... args) {
        MeshLocal main = new MeshLocal(environment);
        new CommandLine(main).parseArgs(args);
        return main.options();
    }
}
