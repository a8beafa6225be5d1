package io.meshwarden.quality.provisioning;

import io.meshwarden.governance.provisioning.TopicProperties;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A product topic as the cluster describes it: partitions, replicas of its first partition, and the effective
 * values (topic-level or broker default) of the settings provisioning manages.
 *
 * @param retentionMs   {@code retention.ms}; -1 is forever
 * @param cleanupPolicy {@code cleanup.policy}, normalised as {@link TopicProperties} writes it
 */
record ActualTopic(int partitions, int replicas, long retentionMs, String cleanupPolicy, int minInSync) {

    /** {@code cleanup.policy} as the broker writes it ({@code delete,compact}, say), in {@link TopicProperties}' form. */
    static String normalisedPolicy(String policy) {
        return Arrays.stream(policy.split(",")).map(part -> part.trim().toLowerCase(Locale.ROOT)).filter(part -> !part.isEmpty())
                .sorted().distinct().collect(Collectors.joining(","));
    }
}
