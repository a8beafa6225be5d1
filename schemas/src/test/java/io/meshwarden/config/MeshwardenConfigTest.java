package io.meshwarden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Replication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshwardenConfigTest {

    @Test
    void defaultsAreExactlyOnceWithTheMeshPrefix() {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of());

        Properties streams = config.streamsProperties("quality");
        assertThat(streams.getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(streams.getProperty("application.id")).isEqualTo("meshwarden-quality");
        assertThat(streams.getProperty("errors.dead.letter.queue.topic.name")).isEqualTo("mesh.deadletter");
        assertThat(config.outputFormat()).isEqualTo(OutputFormat.AVRO);
    }

    @Test
    void streamsRecoverInSecondsAsStaticMembersWithStandbys() {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of());

        Properties streams = config.streamsProperties("quality", Replication.of(3), "host-1");
        assertThat(streams.getProperty("group.instance.id")).isEqualTo("host-1");
        assertThat(streams.getProperty("session.timeout.ms")).isEqualTo("6000");
        assertThat(streams.getProperty("heartbeat.interval.ms")).isEqualTo("1000");
        assertThat(streams.getProperty("num.standby.replicas")).isEqualTo("1");
        assertThat(streams.getProperty("probing.rebalance.interval.ms")).isEqualTo("60000");
        assertThat(streams.getProperty("replication.factor")).isEqualTo("3");
        assertThat(streams.getProperty("topic.min.insync.replicas")).isEqualTo("2");
        assertThat(config.streamsProperties("quality")).doesNotContainKey("group.instance.id")
                .containsEntry("replication.factor", "-1");
        assertThat(config.with(Settings.INSTANCE_ID.key(), "pod-0").streamsProperties("quality"))
                .containsEntry("group.instance.id", "pod-0");
    }

    @Test
    void theStreamsRebalanceProtocolGetsNoStaticMembershipWhichKafkaRefusesWithIt() {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of("kafka.group.protocol", "streams"));

        assertThat(config.streamsProperties("quality", Replication.of(1), "host-1")).containsEntry("group.protocol", "streams")
                .doesNotContainKeys("group.instance.id", "session.timeout.ms", "num.standby.replicas");
    }

    @Test
    void fileOverridesDefaultsEnvironmentOverridesFileAndExplicitValuesOverrideAll(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mesh.properties");
        Files.writeString(file, """
                meshwarden.topic.prefix=file.
                meshwarden.output.format=json
                meshwarden.bootstrap.servers=file:9092
                kafka.linger.ms=50
                """);
        Map<String, String> env = Map.of("MESHWARDEN_CONFIG_FILE", file.toString(),
                "MESHWARDEN_TOPIC_PREFIX", "env.", "MESHWARDEN_BOOTSTRAP_SERVERS", "env:9092",
                "KAFKA_SECURITY_PROTOCOL", "SSL", "KAFKA_HEAP_OPTS", "-Xmx1g");

        MeshwardenConfig config = MeshwardenConfig.load(env, Map.of("meshwarden.bootstrap.servers", "cli:9092"));

        assertThat(config.outputFormat()).isEqualTo(OutputFormat.JSON);
        assertThat(config.topics().prefix()).isEqualTo("env.");
        assertThat(config.bootstrapServers()).isEqualTo("cli:9092");
        Properties producer = config.producerProperties("p");
        assertThat(producer.getProperty("security.protocol")).isEqualTo("SSL");
        assertThat(producer.getProperty("linger.ms")).isEqualTo("50");
        assertThat(producer.getProperty("acks")).isEqualTo("all");
        assertThat(producer).doesNotContainKey("heap.opts");
    }

    @Test
    void rejectsAnUnknownSettingNamingIt() {
        assertThatThrownBy(() -> MeshwardenConfig.defaults(Map.of("meshwarden.topic.prefx", "x")))
                .hasMessageContaining("meshwarden.topic.prefx").hasMessageContaining("meshwarden.topic.prefix");
        assertThatThrownBy(() -> MeshwardenConfig.load(Map.of("MESHWARDEN_OUTPUT_FROMAT", "json"), Map.of()))
                .hasMessageContaining("MESHWARDEN_OUTPUT_FROMAT");
    }

    @Test
    void rejectsAnInvalidValueNamingTheSetting() {
        assertThatThrownBy(() -> MeshwardenConfig.defaults(Map.of("meshwarden.output.format", "xml")))
                .hasMessageContaining("meshwarden.output.format").hasMessageContaining("'avro', 'json' or 'confluent-avro'");
        assertThatThrownBy(() -> MeshwardenConfig.defaults(Map.of("meshwarden.processing.guarantee", "exactly_once")))
                .hasMessageContaining("meshwarden.processing.guarantee");
    }

    @Test
    void namesTheMissingConfigFile() {
        assertThatThrownBy(() -> MeshwardenConfig.load(Map.of("MESHWARDEN_CONFIG_FILE", "/nope/mesh.properties"), Map.of()))
                .hasMessageContaining("/nope/mesh.properties");
    }

    @Test
    void theConfigFileIsASettingAnOverrideNamesOverTheEnvironment(@TempDir Path dir) throws Exception {
        Path fromEnvironment = Files.writeString(dir.resolve("env.properties"), "meshwarden.topic.prefix=env-file.\n");
        Path fromOverride = Files.writeString(dir.resolve("cli.properties"), "meshwarden.topic.prefix=cli-file.\n");

        assertThat(Settings.CONFIG_FILE.environmentVariable()).isEqualTo("MESHWARDEN_CONFIG_FILE");
        MeshwardenConfig config = MeshwardenConfig.load(Map.of("MESHWARDEN_CONFIG_FILE", fromEnvironment.toString()),
                Map.of(Settings.CONFIG_FILE.key(), fromOverride.toString()));

        assertThat(config.topics().prefix()).isEqualTo("cli-file.");
        assertThat(config.get(Settings.CONFIG_FILE)).isEqualTo(fromOverride.toString());
        assertThat(MeshwardenConfig.defaults(Map.of()).get(Settings.CONFIG_FILE)).isEmpty();
    }

    @Test
    void aConfigFileCannotNameAnother(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("mesh.properties"), "meshwarden.config.file=/etc/other.properties\n");

        assertThatThrownBy(() -> MeshwardenConfig.defaults(Map.of(Settings.CONFIG_FILE.key(), file.toString())))
                .hasMessageContaining(file.toString()).hasMessageContaining("cannot name another");
    }

    @Test
    void confluentOutputWithoutARegistryFailsAtStartNamingBothSettings() {
        assertThatThrownBy(() -> MeshwardenConfig.defaults(Map.of(Settings.OUTPUT_FORMAT.key(), "confluent-avro")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Settings.OUTPUT_FORMAT.key() + "=confluent-avro")
                .hasMessageContaining(Settings.SCHEMA_REGISTRY_URL.key());

        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(Settings.OUTPUT_FORMAT.key(), "Confluent-Avro",
                Settings.SCHEMA_REGISTRY_URL.key(), "http://registry:8081"));
        assertThat(config.outputFormat()).isEqualTo(OutputFormat.CONFLUENT_AVRO);
        assertThat(config.topics().eventFormat().registry()).as("the catalog carries the registry to the serdes").isPresent();
        assertThat(config.topics()).as("one catalog, one registry client and its caches").isSameAs(config.topics());
    }

    @Test
    void anUnknownOutputFormatNamesTheThreeValues() {
        assertThatThrownBy(() -> MeshwardenConfig.defaults(Map.of(Settings.OUTPUT_FORMAT.key(), "protobuf")))
                .hasMessageContaining("'avro', 'json' or 'confluent-avro'").hasMessageContaining("'protobuf'");
    }
}
