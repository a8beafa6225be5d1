package io.meshwarden.sla.docs;

import io.meshwarden.avro.PolicySet;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.TopicWaiter;
import io.meshwarden.schemas.Topics;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The policy sets in force, read on each plan from their compacted topic to its end (no consumer group,
 * committed records only): the SLA monitor keeps no store of them, and a plan is rare and must judge
 * against the sets in force right now.
 */
@Singleton
public class PoliciesInForce {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final MeshwardenConfig config;

    public PoliciesInForce(MeshwardenConfig config) {
        this.config = config;
    }

    /** @throws IllegalStateException when the topic could not be read to its end in time */
    public Collection<PolicySet> read() {
        Map<String, PolicySet> latest = new TreeMap<>();
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (TopicWaiter<PolicySet> topic = new TopicWaiter<>(config, config.topics().topic(Topics.POLICIES_IN_FORCE), true)) {
            while (!topic.caughtUp()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + config.topics().name(Topics.POLICIES_IN_FORCE)
                            + " to its end within " + TIMEOUT);
                }
                topic.read(Duration.ofMillis(200), set -> {
                    if (set != null) {
                        latest.put(set.getId(), set);
                    }
                });
            }
        }
        return latest.values();
    }
}
