package io.meshwarden.local;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.OutputFormat;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How to run the local mesh.
 *
 * @param bootstrapServers an existing cluster to use instead of the embedded broker
 * @param brokers how many embedded KRaft nodes to start (without {@code bootstrapServers})
 * @param kafkaPort the embedded broker's port (the first node's, the next ones following); 0 picks free ones
 * @param httpPort the SLA monitor's port; 0 picks a free one
 * @param settings Meshwarden settings given on the command line ({@code meshwarden.*} keys), e.g. the output format
 * @param environment the environment variables the layered configuration reads ({@code System.getenv()} in {@code main})
 * @param demo whether to run the simulated marketing domains
 * @param metricInterval how often each demo product publishes a metric event
 * @param secure whether the embedded broker requires SASL/SCRAM and enforces ACLs ({@link LocalAccess})
 */
record LocalOptions(Optional<String> bootstrapServers, int brokers, int kafkaPort, int httpPort, Map<String, String> settings,
                    Map<String, String> environment, boolean demo, Duration metricInterval, boolean secure) {

    /** An unsecured mesh. */
    LocalOptions(Optional<String> bootstrapServers, int brokers, int kafkaPort, int httpPort, Map<String, String> settings,
                 Map<String, String> environment, boolean demo, Duration metricInterval) {
        this(bootstrapServers, brokers, kafkaPort, httpPort, settings, environment, demo, metricInterval, false);
    }

    LocalOptions {
        if (brokers < 1) {
            throw new IllegalArgumentException("--brokers must be at least 1, was " + brokers);
        }
        if (brokers > 1 && bootstrapServers.isPresent()) {
            throw new IllegalArgumentException("--brokers starts embedded nodes; it does not go with --bootstrap-servers");
        }
        if (secure && (brokers > 1 || bootstrapServers.isPresent())) {
            throw new IllegalArgumentException("--secure secures the single embedded broker; it goes with neither --brokers"
                    + " nor --bootstrap-servers");
        }
        settings = Map.copyOf(settings);
        environment = Map.copyOf(environment);
    }

    /**
     * The configuration of every component of the mesh: the settings over the environment over the
     * config file over the defaults, on this Kafka cluster (the embedded broker or {@link #bootstrapServers},
     * whatever the file or environment say of {@code meshwarden.bootstrap.servers}: running its own broker
     * is the point of mesh-local), with product topic provisioning on unless the settings or environment say otherwise.
     */
    MeshwardenConfig config(String kafka) {
        return config(kafka, () -> {
            throw new IllegalStateException("no local schema registry here");
        });
    }

    /**
     * As {@link #config(String)}; {@code --output-format confluent-avro} without a schema registry in any layer
     * gets {@code localRegistry}'s (a {@code LocalSchemaRegistry} the caller starts and stops).
     */
    MeshwardenConfig config(String kafka, Supplier<URI> localRegistry) {
        Map<String, String> overrides = overrides(kafka);
        if (OutputFormat.CONFLUENT_AVRO.settingValue().equalsIgnoreCase(settings.getOrDefault(Settings.OUTPUT_FORMAT.key(), "").strip())) {
            Map<String, String> probe = new LinkedHashMap<>(overrides);
            probe.put(Settings.OUTPUT_FORMAT.key(), OutputFormat.AVRO.settingValue());
            if (MeshwardenConfig.load(environment, probe).get(Settings.SCHEMA_REGISTRY_URL).isBlank()) {
                overrides.put(Settings.SCHEMA_REGISTRY_URL.key(), localRegistry.get().toString());
            }
        }
        return MeshwardenConfig.load(environment, overrides);
    }

    private Map<String, String> overrides(String kafka) {
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        overrides.put(Settings.BOOTSTRAP_SERVERS.key(), kafka);
        // A self-serve mesh provisions its products' topics; on a shared cluster the operator opts in.
        if (!settings.containsKey(Settings.PROVISIONING_ENABLED.key())
                && !environment.containsKey(Settings.PROVISIONING_ENABLED.environmentVariable())) {
            overrides.put(Settings.PROVISIONING_ENABLED.key(), "true");
        }
        return overrides;
    }
}
