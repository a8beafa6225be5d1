package io.meshwarden.kafka.embedded;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The server properties of an embedded KRaft node: one process that is both broker and controller,
 * tuned to start fast and to live in a small test heap. A single node is the usual case; a cluster
 * of several such nodes shares one static voter list, and replicates what Kafka replicates itself
 * (offsets, transactions) three ways with two in sync, as a production cluster would.
 *
 * @param nodeId          this node's id, also its voter id
 * @param clientPort      PLAINTEXT port on 127.0.0.1
 * @param logDir          the single log directory, which also holds the metadata log
 * @param controllerPorts CONTROLLER port on 127.0.0.1 of every voter, by node id (this node's included)
 */
record BrokerSettings(int nodeId, int clientPort, Path logDir, Map<Integer, Integer> controllerPorts) {

    static final int NODE_ID = 1;
    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    BrokerSettings {
        controllerPorts = Collections.unmodifiableMap(new TreeMap<>(controllerPorts));
        if (!controllerPorts.containsKey(nodeId)) {
            throw new IllegalArgumentException("node " + nodeId + " is not among the voters " + controllerPorts.keySet());
        }
    }

    /** A single-node cluster. */
    BrokerSettings(int clientPort, int controllerPort, Path logDir) {
        this(NODE_ID, clientPort, logDir, Map.of(NODE_ID, controllerPort));
    }

    int controllerPort() {
        return controllerPorts.get(nodeId);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + clientPort;
    }

    /** Embedded defaults first, then the caller's overrides. */
    Map<String, String> toProperties(Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        // A static voter list (not a dynamic quorum) keeps the controller port out of the metadata log,
        // so a persistent data dir can be restarted with a different, freshly picked controller port.
        props.put("controller.quorum.voters", controllerPorts.entrySet().stream()
                .map(voter -> voter.getKey() + "@127.0.0.1:" + voter.getValue()).collect(Collectors.joining(",")));
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", CLIENT_LISTENER + "://127.0.0.1:" + clientPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort());
        props.put("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + clientPort);
        props.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("log.dirs", logDir.toAbsolutePath().toString());

        // What Kafka replicates itself: as many copies as there are nodes, up to three, two of them in sync
        // once there are three; one node makes do with a single replica.
        String replicas = Integer.toString(Math.min(3, controllerPorts.size()));
        String inSync = controllerPorts.size() >= 3 ? "2" : "1";
        props.put("offsets.topic.replication.factor", replicas);
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", inSync);
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", inSync);
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", inSync);
        props.put("num.partitions", "1");
        // Tests must say which topics they need; a typo then fails loudly instead of creating a new topic.
        props.put("auto.create.topics.enable", "false");
        // Consumer groups in tests should not wait 3 s for more members that never come.
        props.put("group.initial.rebalance.delay.ms", "0");

        // The cleaner allocates its whole dedupe buffer (128 MiB by default) up front; that does not fit a small heap.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        props.put("log.cleaner.threads", "1");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("background.threads", "4");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("num.replica.fetchers", "1");
        // The broker is unfenced on its first heartbeat after registration; a short interval shortens startup.
        props.put("broker.heartbeat.interval.ms", "500");
        // A node that dies without a word (kill -9) is fenced, and its partitions led elsewhere, after this
        // many milliseconds without a heartbeat: 9 s by default, most of the pause a broker crash causes.
        props.put("broker.session.timeout.ms", "4000");

        props.putAll(overrides);
        return props;
    }
}
