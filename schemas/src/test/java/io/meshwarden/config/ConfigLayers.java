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
 * bootstrap servers; an option it is given beats both.
 */
public record ConfigLayers(Path file, Map<String, String> environment) {
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

    /** The settings no option of any runnable sets came from the file and from the environment. */
    public void assertFileAndEnvironmentHonoured(MeshwardenConfig config) {
        assertThat(config.get(Settings.CONFIG_FILE)).isEqualTo(file.toString());
        assertThat(config.get(Settings.APPLICATION_ID_PREFIX)).as("from the config file").isEqualTo("from-file");
        assertThat(config.get(Settings.COMMIT_INTERVAL_MS)).as("from the environment").isEqualTo("250");
    }

    /** With no option given: the file's output format, the environment's topic prefix over the file's. */
    public void assertNoOptionOverrides(MeshwardenConfig config) {
        assertFileAndEnvironmentHonoured(config);
        assertThat(config.outputFormat()).as("from the config file").isEqualTo(OutputFormat.JSON);
        assertThat(config.topics().prefix()).as("the environment over the config file").isEqualTo(ENVIRONMENT_TOPIC_PREFIX);
    }
}
