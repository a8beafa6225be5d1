package io.meshwarden.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedKafkaClusterIT {
    private EmbeddedKafkaCluster cluster;
    private Admin admin;

    @BeforeAll
    void start() {
        cluster = EmbeddedKafkaCluster.start(3);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        admin = Admin.create(props);
    }

    @AfterAll
    void stop() {
        admin.close();
        cluster.close();
    }

    @Test
    void threeNodesReplicateTopicsThreeWaysWithTwoInSync() throws Exception {
        cluster.createTopics(List.of(new NewTopic("replicated", 3, (short) 3)));

        assertThat(admin.describeCluster().nodes().get()).hasSize(3);
        // The broker answering may learn of the new topic a moment after the controller created it.
        TopicDescription topic = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated"),
                        described -> described != null);
        assertThat(topic.partitions()).allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
        String minInSync = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "replicated")))
                .all().get().values().iterator().next().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
        assertThat(minInSync).isEqualTo("2");
    }

    @Test
    void keepsAcceptingAcksAllWritesWhileOneNodeIsDownAndTakesItBack() throws Exception {
        cluster.createTopics(List.of(new NewTopic("failover", 2, (short) 3)));
        try (KafkaProducer<String, String> producer = TestClients.producer(cluster.bootstrapServers(), Map.of())) {
            send(producer, 0, 50);
            int leader = leaderOfPartitionZero();
            int index = IntStream.range(0, cluster.size()).filter(i -> cluster.nodeId(i) == leader).findFirst().orElseThrow();

            cluster.stop(index);
            assertThat(cluster.isRunning(index)).isFalse();
            send(producer, 50, 100);
            assertThat(TestClients.consumeValues(cluster.bootstrapServers(), IsolationLevel.READ_COMMITTED, "failover", 100))
                    .hasSize(100);
            assertThat(leaderOfPartitionZero()).isNotEqualTo(leader);

            cluster.restart(index);
            await().atMost(Duration.ofSeconds(30)).until(() -> inSyncReplicas("failover") == 3 * 2);
        }
    }

    private void send(KafkaProducer<String, String> producer, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>("failover", "key-" + i, "value-" + i)).get();
        }
    }

    private int leaderOfPartitionZero() throws Exception {
        return admin.describeTopics(List.of("failover")).allTopicNames().get().get("failover").partitions().get(0).leader().id();
    }

    private int inSyncReplicas(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(TopicPartitionInfo::isr).mapToInt(List::size).sum();
    }
}
