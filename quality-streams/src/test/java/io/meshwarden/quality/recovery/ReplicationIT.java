package io.meshwarden.quality.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafkaCluster;
import io.meshwarden.quality.QualityStreams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication decided from the cluster: on three brokers every topic quality-streams creates, and
 * every changelog and repartition topic Kafka Streams creates for it, has three replicas and
 * {@code min.insync.replicas=2}, though the brokers' own defaults say one and one; on a single
 * broker, one and one.
 */
class ReplicationIT {
    private static final Map<String, String> BROKER_DEFAULTS_OF_ONE = Map.of("default.replication.factor", "1",
            "min.insync.replicas", "1");

    @TempDir
    Path stateDir;

    @Test
    void threeBrokersGiveEveryTopicThreeReplicasTwoInSync() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3, BROKER_DEFAULTS_OF_ONE)) {
            assertThat(replicationOfEveryTopic(cluster)).allSatisfy((topic, replication) ->
                    assertThat(replication).as(topic).isEqualTo("3 replicas, min.insync.replicas 2"));
        }
    }

    @Test
    void oneBrokerGivesEveryTopicOneReplica() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(1)) {
            assertThat(replicationOfEveryTopic(cluster)).allSatisfy((topic, replication) ->
                    assertThat(replication).as(topic).isEqualTo("1 replicas, min.insync.replicas 1"));
        }
    }

    /** Starts quality-streams on the cluster and describes the topics it and Kafka Streams created. */
    private Map<String, String> replicationOfEveryTopic(EmbeddedKafkaCluster cluster) throws Exception {
        String run = "replication" + System.nanoTime();
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), cluster.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(),
                Settings.TOPIC_PREFIX.key(), run + ".",
                Settings.APPLICATION_ID_PREFIX.key(), run));
        try (QualityStreams app = QualityStreams.start(config); Admin admin = Admin.create(config.adminProperties())) {
            await().atMost(Duration.ofSeconds(90)).until(() -> app.state() == KafkaStreams.State.RUNNING);
            Set<String> ours = admin.listTopics().names().get().stream().filter(name -> name.startsWith(run))
                    .collect(Collectors.toSet());
            assertThat(ours).as("mesh topics and Streams' internal topics")
                    .contains(config.topics().name(io.meshwarden.schemas.Topics.DECISIONS))
                    .anyMatch(name -> name.endsWith("-changelog"))
                    .anyMatch(name -> name.endsWith("-repartition"));
            Map<String, TopicDescription> described = admin.describeTopics(ours).allTopicNames().get();
            List<ConfigResource> resources = ours.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            Map<String, String> replication = new TreeMap<>();
            described.forEach((name, description) -> {
                Set<Integer> replicas = description.partitions().stream().map(p -> p.replicas().size()).collect(Collectors.toSet());
                String minInSync = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                        .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
                replication.put(name, replicas.stream().map(String::valueOf).collect(Collectors.joining("/"))
                        + " replicas, min.insync.replicas " + minInSync);
            });
            System.out.printf("ReplicationIT: %d brokers: %s%n", cluster.size(), replication);
            return replication;
        }
    }
}
