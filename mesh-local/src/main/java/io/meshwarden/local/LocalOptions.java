package io.meshwarden.local;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to run the local mesh.
 *
 * @param bootstrapServers an existing cluster to use instead of the embedded broker
 * @param kafkaPort the embedded broker's port; 0 picks a free one
 * @param httpPort the SLA monitor's port; 0 picks a free one
 * @param settings further Meshwarden settings ({@code meshwarden.*} keys), e.g. the output format
 * @param demo whether to run the simulated marketing domains
 * @param metricInterval how often each demo product publishes a metric event
 */
record LocalOptions(Optional<String> bootstrapServers, int kafkaPort, int httpPort, Map<String, String> settings,
                    boolean demo, Duration metricInterval) {

    LocalOptions {
        settings = Map.copyOf(settings);
    }
}
