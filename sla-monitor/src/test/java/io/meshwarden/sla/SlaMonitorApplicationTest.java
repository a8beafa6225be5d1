package io.meshwarden.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.config.ConfigLayers;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.sla.config.MeshwardenConfigFactory;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLA monitor's command line (Micronaut's {@code --key=value} properties) over its layered
 * configuration: code, file, environment, command line. The context is built as {@code main} builds
 * it, from the same arguments, and not started, so no Kafka Streams application runs.
 */
class SlaMonitorApplicationTest {
    @TempDir
    Path dir;

    @Test
    void followsThePrecedenceCodeFileEnvironmentCommandLine() throws IOException {
        ConfigLayers.Configs configs = ConfigLayers.in(dir).assertPrecedence(SlaMonitorApplicationTest::config,
                "--meshwarden.bootstrap.servers=cli:9092", "--meshwarden.topic.prefix=cli.",
                "--meshwarden.output.format=avro", "--micronaut.server.port=-1");

        assertThat(configs.withoutOptions().bootstrapServers()).isEqualTo(ConfigLayers.ENVIRONMENT_BOOTSTRAP_SERVERS);
        assertThat(configs.withOptions().bootstrapServers()).isEqualTo("cli:9092");
    }

    @Test
    void theCommandLineNamesTheConfigFile() throws IOException {
        ConfigLayers layers = ConfigLayers.in(dir);

        layers.assertCommandLineNamesTheFile(SlaMonitorApplicationTest::config, "--meshwarden.config.file=" + layers.file());
    }

    private static MeshwardenConfig config(Map<String, String> variables, String... args) {
        try (ApplicationContext context = SlaMonitorApplication.micronaut(args).build()) {
            return MeshwardenConfigFactory.config(context.getEnvironment().start(), variables);
        }
    }
}
