package io.meshwarden.cli;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.TopicWaiter;
import io.meshwarden.schemas.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a compacted mesh topic (the catalog, the policy sets in force) to its end: the latest value
 * per key, by key. What `policies plan`, `ci` and `docs --catalog` know of the running mesh.
 */
final class CompactedTopics {
    private CompactedTopics() {
    }

    /**
     * @throws IllegalArgumentException when the topic could not be read to its end within {@code timeout}
     *                                  (the CLI's bad-input exit, naming the cluster)
     */
    static <V> Map<String, V> latest(MeshwardenConfig config, TopicSpec<String, V> spec, Function<V, String> id, Duration timeout) {
        Map<String, V> latest = new TreeMap<>();
        Instant deadline = Instant.now().plus(timeout);
        MeshwardenConfig bounded = config.with(MeshwardenConfig.KAFKA_NAMESPACE + "default.api.timeout.ms",
                Long.toString(timeout.toMillis()));
        try (TopicWaiter<V> topic = new TopicWaiter<>(bounded, bounded.topics().topic(spec), true)) {
            do {
                topic.read(Duration.ofMillis(200), value -> {
                    if (value != null) {
                        latest.put(id.apply(value), value);
                    }
                });
            } while (!topic.caughtUp() && Instant.now().isBefore(deadline));
            if (!topic.caughtUp()) {
                throw new IllegalArgumentException("could not read " + config.topics().name(spec) + " at "
                        + config.bootstrapServers() + " to its end within " + timeout);
            }
        }
        return latest;
    }
}
