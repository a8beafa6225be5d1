package io.meshwarden.kafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server properties of an embedded single-node KRaft broker: one process that is both broker and
 * controller, tuned to start fast and to live in a small test heap.
 *
 * @param clientPort     PLAINTEXT port on 127.0.0.1
 * @param controllerPort CONTROLLER port on 127.0.0.1
 * @param logDir         the single log directory, which also holds the metadata log
 */
record BrokerSettings(int clientPort, int controllerPort, Path logDir) {

    static final int NODE_ID = 1;
    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    String bootstrapServers() {
        return "127.0.0.1:" + clientPort;
    }

    /** Embedded defaults first, then the caller's overrides. */
    Map<String, String> toProperties(Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        // A static voter list (not a dynamic quorum) keeps the controller port out of the metadata log,
        // so a persistent data dir can be restarted with a different, freshly picked controller port.
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", CLIENT_LISTENER + "://127.0.0.1:" + clientPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + clientPort);
        props.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("log.dirs", logDir.toAbsolutePath().toString());

        // One node: every internal topic must make do with a single replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
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

        props.putAll(overrides);
        return props;
    }
}
