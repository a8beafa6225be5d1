package io.meshwarden.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml is for users with Docker; this keeps it parseable and in step with what the build produces. */
class DockerComposeTest {
    private static final Path ROOT = Path.of(System.getProperty("meshwarden.root", ".."));
    private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");

    @Test
    @SuppressWarnings("unchecked")
    void namesTheBrokerAndBothServicesRunningTheJarsTheBuildProduces() throws Exception {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        assertThat(services).containsOnlyKeys("kafka", "quality-streams", "sla-monitor");
        assertThat((String) services.get("kafka").get("image")).isEqualTo("apache/kafka:4.3.1");
        for (String module : List.of("quality-streams", "sla-monitor")) {
            String jar = module + "-" + VERSION + ".jar";
            assertThat((List<String>) services.get(module).get("command")).contains("/app/" + jar);
            assertThat((List<String>) services.get(module).get("volumes")).contains("./" + module + "/target:/app:ro");
            assertThat(ROOT.resolve(module).resolve("pom.xml")).exists();
            assertThat((Map<String, String>) services.get(module).get("environment"))
                    .containsEntry("MESHWARDEN_BOOTSTRAP_SERVERS", "kafka:29092");
        }
    }
}
