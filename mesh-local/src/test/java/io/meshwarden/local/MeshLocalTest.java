package io.meshwarden.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.config.ConfigLayers;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.OutputFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
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
    void followsThePrecedenceCodeFileEnvironmentCommandLine() throws IOException {
        ConfigLayers.Configs configs = ConfigLayers.in(dir).assertPrecedence(MeshLocalTest::config,
                "--topic-prefix", "cli.", "--output-format", "avro");

        assertThat(configs.withoutOptions().bootstrapServers()).as("its own broker, whatever the environment says")
                .isEqualTo(EMBEDDED);
    }

    @Test
    void theConfigOptionNamesTheFile() throws IOException {
        ConfigLayers layers = ConfigLayers.in(dir);

        layers.assertCommandLineNamesTheFile(MeshLocalTest::config, "--config", layers.file().toString());
    }

    @Test
    void runsItsOwnBrokerUnlessTheBootstrapOptionNamesACluster() {
        assertThat(parse(Map.of("MESHWARDEN_BOOTSTRAP_SERVERS", "env:9092")).bootstrapServers()).isEmpty();
        assertThat(parse(Map.of(), "--bootstrap-servers", "cli:9092", "--no-demo").bootstrapServers()).contains("cli:9092");
    }

    @Test
    void secureSecuresTheSingleEmbeddedBrokerOnly() {
        assertThat(parse(Map.of(), "--secure").secure()).isTrue();
        assertThat(parse(Map.of()).secure()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(Map.of(), "--secure", "--brokers", "3"))
                .hasMessageContaining("--secure");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(Map.of(), "--secure", "--bootstrap-servers", "x:9092"))
                .hasMessageContaining("--secure");
    }

    @Test
    void helpShowsTheLayeredSettingsWithoutDefaultValuesOfTheirOwn() {
        StringWriter out = new StringWriter();

        int exitCode = new CommandLine(new MeshLocal(Map.of())).setOut(new PrintWriter(out, true)).execute("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: mesh-local", "--output-format=avro|json|confluent-avro", "--topic-prefix=PREFIX",
                "--config=FILE", "(default: 9092)", "MESHWARDEN_CONFIG_FILE")
                .doesNotContain("(default: avro)", "(default: mesh.)");
        assertThat(parse(Map.of()).settings()).isEmpty();
    }

    @Test
    void theDemoObservesItsOdcsProductInShortStepsUnlessALayerChoosesOtherwise() {
        MeshwardenConfig demo = DemoSendEngagement.configure(config(Map.of()));
        MeshwardenConfig chosen = DemoSendEngagement.configure(config(Map.of(
                Settings.QUALITY_WINDOW_STEP_MS.environmentVariable(), "30000",
                Settings.QUALITY_OBSERVED_TOPIC_PATTERN.environmentVariable(), ".*\\.v[0-9]+")));

        assertThat(demo.get(Settings.QUALITY_OBSERVED_TOPIC_PATTERN)).isEqualTo(Pattern.quote("email.send-engagement.v1"));
        assertThat(demo.get(Settings.QUALITY_WINDOW_STEP_MS)).isEqualTo("10000");
        assertThat(demo.get(Settings.QUALITY_GRACE_MS)).isEqualTo("10000");
        assertThat(chosen.get(Settings.QUALITY_WINDOW_STEP_MS)).isEqualTo("30000");
        assertThat(chosen.get(Settings.QUALITY_OBSERVED_TOPIC_PATTERN)).isEqualTo(".*\\.v[0-9]+");
        assertThat(chosen.get(Settings.QUALITY_GRACE_MS)).isEqualTo("10000");
    }

    @Test
    void confluentOutputWithoutARegistryGetsTheLocalOneAndKeepsAConfiguredOne() {
        URI local = URI.create("http://127.0.0.1:18081");
        MeshwardenConfig started = parse(Map.of(), "--output-format", "confluent-avro").config(EMBEDDED, () -> local);
        assertThat(started.get(Settings.SCHEMA_REGISTRY_URL)).isEqualTo(local.toString());
        assertThat(started.outputFormat()).isEqualTo(OutputFormat.CONFLUENT_AVRO);

        MeshwardenConfig configured = parse(Map.of("MESHWARDEN_SCHEMA_REGISTRY_URL", "http://registry:8081"),
                "--output-format", "confluent-avro").config(EMBEDDED, () -> {
                    throw new AssertionError("a registry is configured; no local one starts");
                });
        assertThat(configured.get(Settings.SCHEMA_REGISTRY_URL)).isEqualTo("http://registry:8081");
        assertThat(parse(Map.of()).config(EMBEDDED, () -> {
            throw new AssertionError("avro needs no registry");
        }).get(Settings.SCHEMA_REGISTRY_URL)).isEmpty();
    }

    private static MeshwardenConfig config(Map<String, String> environment, String... args) {
        return parse(environment, args).config(EMBEDDED);
    }

    private static LocalOptions parse(Map<String, String> environment, String... args) {
        MeshLocal main = new MeshLocal(environment);
        new CommandLine(main).parseArgs(args);
        return main.options();
    }
}
