package io.meshwarden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaSaslTest {

    @Test
    void credentialsFromTheEnvironmentBecomeScramSettingsOfEveryClient() {
        MeshwardenConfig config = MeshwardenConfig.load(
                Map.of("KAFKA_SASL_USERNAME", "paid-media", "KAFKA_SASL_PASSWORD", "s3\"cret"), Map.of());
        for (Properties props : new Properties[] {config.adminProperties(), config.producerProperties("p"),
                config.consumerProperties("c"), config.streamsProperties("s")}) {
            assertThat(props).containsEntry("security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                            + " username=\"paid-media\" password=\"s3\\\"cret\";")
                    .doesNotContainKeys("sasl.username", "sasl.password");
        }
    }

    @Test
    void explicitKafkaSettingsWinOverTheDerivedOnes() {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(KafkaSasl.USERNAME, "u", KafkaSasl.PASSWORD, "p",
                "kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "PLAIN"));
        assertThat(config.producerProperties("p")).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"u\" password=\"p\";");
    }

    @Test
    void withoutAUserNameTheClientStaysPlaintext() {
        assertThat(MeshwardenConfig.defaults(Map.of()).adminProperties()).doesNotContainKeys("security.protocol", "sasl.jaas.config");
    }

    @Test
    void aPasswordWithoutAUserNameIsRefusedAtLoad() {
        assertThatThrownBy(() -> MeshwardenConfig.load(Map.of("KAFKA_SASL_PASSWORD", "p"), Map.of()))
                .hasMessageContaining("kafka.sasl.username");
    }
}
