package io.meshwarden.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

/** {@code ./mesh-local.sh --brokers 3}: the whole mesh on three embedded KRaft nodes, every topic on all three. */
class ThreeBrokerMeshIT {

    @Test
    void runsTheMeshOnThreeNodesWithEveryTopicReplicatedThreeWays() throws Exception {
        try (LocalMesh mesh = LocalMesh.start(new LocalOptions(Optional.empty(), 3, 0, 0, Map.of(), Map.of(), true,
                Duration.ofSeconds(1)))) {
            assertThat(mesh.embeddedNodes()).isEqualTo(3);
            String bootstrap = mesh.config().bootstrapServers();
            assertThat(bootstrap.split(",")).hasSize(3);
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (Admin admin = Admin.create(props)) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(3);
                String violations = mesh.config().topics().name(Topics.VIOLATIONS);
                TopicDescription topic = admin.describeTopics(List.of(violations)).allTopicNames().get().get(violations);
                assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                // The demo's violations arrive through the replicated topics, exactly-once on three nodes.
                await().atMost(Duration.ofSeconds(90)).until(() -> endOffsets(admin, violations) > 0);
            }
        }
    }

    private static long endOffsets(Admin admin, String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
        for (TopicPartitionInfo partition : description.partitions()) {
            latest.put(new org.apache.kafka.common.TopicPartition(topic, partition.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(r -> r.offset()).sum();
    }
}
