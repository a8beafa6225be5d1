package io.meshwarden.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml is for users with Docker (no engine runs here); this keeps it parseable, its
 * YAML merge keys resolved, and in step with what the build produces, in both profiles.
 */
class DockerComposeTest {
    private static final Path ROOT = Path.of(System.getProperty("meshwarden.root", ".."));
    private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            services = (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(reader).get("services");
        }
    }

    @Test
    void theSingleProfileIsTheDefaultWithOneBrokerAndOneInstanceOfEachService() throws Exception {
        assertThat(Files.readAllLines(ROOT.resolve(".env"))).contains("COMPOSE_PROFILES=single");
        assertThat(inProfile("single")).containsExactlyInAnyOrder("kafka", "quality-streams", "sla-monitor");
        assertThat((String) services.get("kafka").get("image")).isEqualTo("apache/kafka:4.3.1");
        for (String service : List.of("quality-streams", "sla-monitor")) {
            assertRunsTheJarOf(service, service);
            assertThat(environment(service)).containsEntry("MESHWARDEN_BOOTSTRAP_SERVERS", "kafka:29092");
        }
    }

    @Test
    void theClusterProfileHasThreeBrokersOfOneQuorumAndTwoInstancesOfEachService() {
        assertThat(inProfile("cluster")).containsExactlyInAnyOrder("kafka-1", "kafka-2", "kafka-3",
                "quality-streams-1", "quality-streams-2", "sla-monitor-1", "sla-monitor-2");
        for (int node = 1; node <= 3; node++) {
            Map<String, String> broker = environment("kafka-" + node);
            assertThat(broker).containsEntry("KAFKA_NODE_ID", Integer.toString(node))
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3").containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
            assertThat(broker.get("CLUSTER_ID")).isEqualTo(environment("kafka-1").get("CLUSTER_ID")).hasSize(22);
        }
        for (String service : List.of("quality-streams", "sla-monitor")) {
            for (int instance = 1; instance <= 2; instance++) {
                String name = service + "-" + instance;
                assertRunsTheJarOf(name, service);
                assertThat(environment(name)).containsEntry("MESHWARDEN_INSTANCE_ID", name)
                        .containsEntry("MESHWARDEN_BOOTSTRAP_SERVERS", "kafka-1:29092,kafka-2:29092,kafka-3:29092");
            }
        }
        // Each SLA monitor tells its peers where it answers, for reads routed to the key's owner.
        assertThat(environment("sla-monitor-1")).containsEntry("MESHWARDEN_APPLICATION_SERVER", "sla-monitor-1:8080");
        assertThat(environment("sla-monitor-2")).containsEntry("MESHWARDEN_APPLICATION_SERVER", "sla-monitor-2:8080");
    }

    @SuppressWarnings("unchecked")
    private static void assertRunsTheJarOf(String service, String module) {
        assertThat((List<String>) services.get(service).get("command")).contains("/app/" + module + "-" + VERSION + ".jar");
        assertThat((List<String>) services.get(service).get("volumes")).contains("./" + module + "/target:/app:ro");
        assertThat(ROOT.resolve(module).resolve("pom.xml")).exists();
    }

    @SuppressWarnings("unchecked")
    private static List<String> inProfile(String profile) {
        return services.entrySet().stream()
                .filter(service -> ((List<String>) service.getValue().get("profiles")).contains(profile))
                .map(Map.Entry::getKey).collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        return (Map<String, String>) services.get(service).get("environment");
    }
}
