package io.meshwarden.kafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.Uuid;

/**
 * One node of a static KRaft quorum whose nodes run as separate processes: node {@code i} of
 * {@code nodes} listens for clients on {@code firstClientPort + i - 1} and for controllers on
 * {@code firstControllerPort + i - 1}, so every node derives the whole voter list from the same
 * numbers. Each node is broker and controller at once, like the nodes of {@link EmbeddedKafkaCluster}.
 * The data directory is required and kept, so a node killed with {@code kill -9} restarts on it.
 *
 * @param nodeId              this node's id, 1 to {@code nodes}
 * @param nodes               how many nodes the cluster has
 * @param firstClientPort     PLAINTEXT port of node 1
 * @param firstControllerPort CONTROLLER port of node 1
 * @param clusterId           the cluster id every node is formatted with (base64 UUID)
 * @param dataDir             this node's log directory
 */
public record QuorumMember(int nodeId, int nodes, int firstClientPort, int firstControllerPort, String clusterId, Path dataDir) {

    public QuorumMember {
        if (nodes < 1) {
            throw new IllegalArgumentException("--nodes must be at least 1, was " + nodes);
        }
        if (nodeId < 1 || nodeId > nodes) {
            throw new IllegalArgumentException("--node-id must be between 1 and --nodes (" + nodes + "), was " + nodeId);
        }
        requirePorts("--port", firstClientPort, nodes);
        requirePorts("--controller-port", firstControllerPort, nodes);
        if (firstClientPort < firstControllerPort + nodes && firstControllerPort < firstClientPort + nodes) {
            throw new IllegalArgumentException("client ports " + range(firstClientPort, nodes) + " and controller ports "
                    + range(firstControllerPort, nodes) + " overlap");
        }
        if (clusterId == null || clusterId.isBlank()) {
            throw new IllegalArgumentException("--cluster-id is required for a node of a cluster; give every node the same one"
                    + " (kafka-storage.sh random-uuid prints one)");
        }
        try {
            Uuid.fromString(clusterId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--cluster-id '" + clusterId + "' is not a Kafka cluster id"
                    + " (a UUID in 22 characters of URL-safe base64, as kafka-storage.sh random-uuid prints)", e);
        }
        Objects.requireNonNull(dataDir, "--data-dir is required for a node of a cluster, so that it restarts on its data");
    }

    /** A fresh cluster id for {@link #clusterId}, as {@code kafka-storage.sh random-uuid} makes one. */
    public static String randomClusterId() {
        return Uuid.randomUuid().toString();
    }

    public int clientPort() {
        return firstClientPort + nodeId - 1;
    }

    public int controllerPort() {
        return firstControllerPort + nodeId - 1;
    }

    /** Every node's PLAINTEXT address, comma-separated, as clients take it. */
    public String bootstrapServers() {
        StringBuilder servers = new StringBuilder();
        for (int node = 0; node < nodes; node++) {
            servers.append(node == 0 ? "" : ",").append("127.0.0.1:").append(firstClientPort + node);
        }
        return servers.toString();
    }

    BrokerSettings settings() {
        Map<Integer, Integer> controllerPorts = new LinkedHashMap<>();
        for (int node = 1; node <= nodes; node++) {
            controllerPorts.put(node, firstControllerPort + node - 1);
        }
        return new BrokerSettings(nodeId, clientPort(), dataDir, controllerPorts);
    }

    private static void requirePorts(String option, int first, int nodes) {
        if (first < 1 || first + nodes - 1 > 65_535) {
            throw new IllegalArgumentException(option + " of a node of a cluster must be a fixed port from which "
                    + nodes + " ports fit below 65536 (the nodes find each other by number), was " + first);
        }
    }

    private static String range(int first, int nodes) {
        return first + "-" + (first + nodes - 1);
    }
}
