package io.meshwarden.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.schemas.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A config file and an environment that disagree, for the precedence test of every runnable. The
 * file sets the application id prefix, the output format ({@code json}), the topic prefix and the
 * bootstrap servers; the environment names the file, sets the commit interval and sets the topic
 * prefix and bootstrap servers again. So a runnable given no options runs with the file's
 * application id prefix and output format and the environment's commit interval, topic prefix and
 * bootstrap servers; an option it is given beats both. Each runnable's test reaches its configuration
 * through a {@link Seam}: its real option parsing, with the environment as a map.
 */
public record ConfigLayers(Path file, Map<String, String> environment) {

    /** A runnable as its tests reach it: the configuration it runs with in this environment on this command line. */
    @FunctionalInterface
    public interface Seam {
        MeshwardenConfig config(Map<String, String> environment, String... args);
    }

    /** What a runnable ran with, given no options and given some. */
    public record Configs(MeshwardenConfig withoutOptions, MeshwardenConfig withOptions) {
    }

    public static final String ENVIRONMENT_TOPIC_PREFIX = "env.";
    public static final String ENVIRONMENT_BOOTSTRAP_SERVERS = "env:9092";

    public static ConfigLayers in(Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("meshwarden.properties"), """
                meshwarden.application.id.prefix=from-file
                meshwarden.output.format=json
                meshwarden.topic.prefix=file.
                meshwarden.bootstrap.servers=file:9092
                """);
        return new ConfigLayers(file, Map.of(
                Settings.CONFIG_FILE.environmentVariable(), file.toString(),
                Settings.COMMIT_INTERVAL_MS.environmentVariable(), "250",
                Settings.TOPIC_PREFIX.environmentVariable(), ENVIRONMENT_TOPIC_PREFIX,
                Settings.BOOTSTRAP_SERVERS.environmentVariable(), ENVIRONMENT_BOOTSTRAP_SERVERS));
    }

    /**
     * Asserts the precedence code, file, environment, command line, for {@code options} that set the
     * topic prefix to {@code cli.} and the output format to {@code avro} (and may set more).
     */
    public Configs assertPrecedence(Seam runnable, String... options) {
        MeshwardenConfig withoutOptions = runnable.config(environment);
        assertNoOptionOverrides(withoutOptions);
        MeshwardenConfig withOptions = runnable.config(environment, options);
        assertFileAndEnvironmentHonoured(withOptions);
        assertThat(withOptions.topics().prefix()).as("the command line over the environment").isEqualTo("cli.");
        assertThat(withOptions.outputFormat()).as("the command line over the config file").isEqualTo(OutputFormat.AVRO);
        return new Configs(withoutOptions, withOptions);
    }

    /** Asserts that {@code options} name this config file for a runnable whose environment names none. */
    public void assertCommandLineNamesTheFile(Seam runnable, String... options) {
        MeshwardenConfig config = runnable.config(Map.of(), options);
        assertThat(config.get(Settings.CONFIG_FILE)).isEqualTo(file.toString());
        assertThat(config.outputFormat()).as("from the config file").isEqualTo(OutputFormat.JSON);
        assertThat(config.topics().prefix()).as("from the config file").isEqualTo("file.");
    }

    /** The settings no option of any runnable sets came from the file and from the environment. */
    private void assertFileAndEnvironmentHonoured(MeshwardenConfig config) {
        assertThat(config.get(Settings.CONFIG_FILE)).isEqualTo(file.toString());
        assertThat(config.get(Settings.APPLICATION_ID_PREFIX)).as("from the config file").isEqualTo("from-file");
        assertThat(config.get(Settings.COMMIT_INTERVAL_MS)).as("from the environment").isEqualTo("250");
    }

    /** With no option given: the file's output format, the environment's topic prefix over the file's. */
    private void assertNoOptionOverrides(MeshwardenConfig config) {
        assertFileAndEnvironmentHonoured(config);
        assertThat(config.outputFormat()).as("from the config file").isEqualTo(OutputFormat.JSON);
        assertThat(config.topics().prefix()).as("the environment over the config file").isEqualTo(ENVIRONMENT_TOPIC_PREFIX);
    }
}
