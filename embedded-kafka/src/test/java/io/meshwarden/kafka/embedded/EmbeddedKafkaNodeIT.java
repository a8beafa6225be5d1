package io.meshwarden.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@link EmbeddedKafkaNode}s started independently, as three {@code EmbeddedKafkaMain --nodes 3}
 * processes would start them, form one cluster that replicates three ways; a node stopped and
 * started again on its data directory and ports rejoins it, and nothing written meanwhile is lost.
 */
class EmbeddedKafkaNodeIT {
    private static final int NODES = 3;
    private static final String TOPIC = "quorum";

    @TempDir
    Path data;

    private final List<EmbeddedKafkaNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        EmbeddedKafkaNode.closeAll(nodes.stream().filter(Objects::nonNull).toList());
    }

    @Test
    void threeSeparatelyStartedNodesFormOneClusterAndANodeRestartsOnItsData() throws Exception {
        int firstPort = FreePorts.range(2 * NODES);
        String clusterId = QuorumMember.randomClusterId();
        List<QuorumMember> members = IntStream.rangeClosed(1, NODES).mapToObj(id ->
                new QuorumMember(id, NODES, firstPort, firstPort + NODES, clusterId, data.resolve("node-" + id))).toList();
        // Each start returns only once a majority of the quorum runs, so they start together.
        members.stream().map(member -> CompletableFuture.supplyAsync(() -> EmbeddedKafkaNode.start(member, Map.of()))).toList()
                .forEach(start -> nodes.add(start.join()));
        String bootstrap = members.get(0).bootstrapServers();

        try (Admin admin = admin(bootstrap)) {
            assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
            new Topics(admin, Duration.ofSeconds(60)).create(List.of(new NewTopic(TOPIC, 2, (short) NODES)));
            send(bootstrap, 0, 10);

            nodes.get(1).close();
            nodes.set(1, null);
            send(bootstrap, 10, 20);
            nodes.set(1, EmbeddedKafkaNode.start(members.get(1), Map.of()));

            await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeTopics(List.of(TOPIC)).allTopicNames().get()
                    .get(TOPIC).partitions().stream().allMatch(partition -> partition.isr().size() == NODES));
        }
        assertThat(TestClients.consumeValues(bootstrap, IsolationLevel.READ_COMMITTED, TOPIC, 20))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).mapToObj(Integer::toString).toList());
    }

    private static void send(String bootstrap, int from, int to) throws Exception {
        try (KafkaProducer<String, String> producer = TestClients.producer(bootstrap, Map.of())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "key-" + i, Integer.toString(i))).get();
            }
        }
    }

    private static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }

}
