package io.meshwarden.quality.provisioning;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.governance.provisioning.TopicProperties;
import io.meshwarden.schemas.Replication;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What one Kafka output port of an accepted contract should look like on the cluster: partitions from the
 * contract's {@code kafka.partitions} (else the platform default), retention from its {@code retentionMs} (none
 * declared: left to the broker), cleanup policy from {@code kafka.cleanup.policy} (else delete), replication and
 * {@code min.insync.replicas} from the platform ({@link Replication}).
 */
record DesiredTopic(String productId, String domain, String contractVersion, String topic, int partitions,
                    OptionalLong retentionMs, String cleanupPolicy, Replication replication) {

    /** One per output port of the contract, in the contract's order; the properties are read by {@link TopicProperties}. */
    static List<DesiredTopic> of(DataProductContract contract, int defaultPartitions, Replication replication) {
        TopicProperties properties = TopicProperties.of(contract.getProperties());
        int partitions = properties.partitions().orElse(defaultPartitions);
        OptionalLong retention = contract.getRetentionMs() == null ? OptionalLong.empty() : OptionalLong.of(contract.getRetentionMs());
        String cleanup = properties.cleanupPolicy().orElse(TopicProperties.DELETE);
        Map<String, DesiredTopic> byTopic = new LinkedHashMap<>();
        for (OutputPort port : contract.getOutputPorts()) {
            byTopic.putIfAbsent(port.getTopic(), new DesiredTopic(contract.getId(), contract.getDomain(), contract.getVersion(),
                    port.getTopic(), partitions, retention, cleanup, replication));
        }
        return List.copyOf(byTopic.values());
    }
}
