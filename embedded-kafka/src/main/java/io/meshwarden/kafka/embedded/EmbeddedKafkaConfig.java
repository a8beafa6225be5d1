package io.meshwarden.kafka.embedded;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings for an {@link EmbeddedKafkaBroker}: the client port, where the data lives and extra broker
 * properties that override the embedded defaults.
 *
 * <p>{@code port} 0 picks a free port. A {@code null} {@code dataDir} means a fresh temporary directory that
 * is deleted on close; a non-null one is kept, formatted on first use and reused as-is afterwards, so a
 * broker restarted on it sees the earlier records.
 *
 * <p>{@code brokerProperties} can change any server setting (retention, {@code auto.create.topics.enable},
 * ...) but not the ones the embedded broker derives itself: {@code listeners}, {@code advertised.listeners},
 * {@code controller.quorum.voters}, {@code process.roles}, {@code node.id} and {@code log.dirs}.
 *
 * @param port             PLAINTEXT client port on 127.0.0.1, or 0 for a free one
 * @param dataDir          persistent log directory, or {@code null} for a temporary one
 * @param brokerProperties server properties applied last, over the embedded defaults
 * @param security         SASL users and super users of a secured broker (SASL/SCRAM and the
 *                         {@code StandardAuthorizer}), or {@code null} for a PLAINTEXT broker without authorizer
 */
public record EmbeddedKafkaConfig(int port, Path dataDir, Map<String, String> brokerProperties, BrokerSecurity security) {

    /** An unsecured broker. */
    public EmbeddedKafkaConfig(int port, Path dataDir, Map<String, String> brokerProperties) {
        this(port, dataDir, brokerProperties, null);
    }

    public EmbeddedKafkaConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        Objects.requireNonNull(brokerProperties, "brokerProperties");
        brokerProperties.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new IllegalArgumentException("broker properties must not contain null keys or values");
            }
        });
        // Insertion order is kept so that logs and toString show the properties the way the caller added them.
        brokerProperties = Collections.unmodifiableMap(new LinkedHashMap<>(brokerProperties));
    }

    /** Free port, temporary data directory deleted on close, no extra properties. */
    public static EmbeddedKafkaConfig defaults() {
        return new EmbeddedKafkaConfig(0, null, Map.of());
    }

    public EmbeddedKafkaConfig withPort(int port) {
        return new EmbeddedKafkaConfig(port, dataDir, brokerProperties, security);
    }

    public EmbeddedKafkaConfig withDataDir(Path dir) {
        return new EmbeddedKafkaConfig(port, dir, brokerProperties, security);
    }

    public EmbeddedKafkaConfig withBrokerProperty(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, String> copy = new LinkedHashMap<>(brokerProperties);
        copy.put(key, value);
        return new EmbeddedKafkaConfig(port, dataDir, copy, security);
    }

    /** Secured with these users: SASL/SCRAM-SHA-512 on the client listener, ACLs enforced. */
    public EmbeddedKafkaConfig withSecurity(BrokerSecurity users) {
        return new EmbeddedKafkaConfig(port, dataDir, brokerProperties, Objects.requireNonNull(users, "users"));
    }

    public boolean secured() {
        return security != null;
    }

    /** Whether the broker owns a temporary directory that it must delete on close. */
    boolean usesTemporaryDataDir() {
        return dataDir == null;
    }
}
