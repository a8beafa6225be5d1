package io.meshwarden.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import kafka.server.KafkaConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster of several KRaft nodes in this JVM, each broker and controller at once, the
 * controllers forming one static quorum: with three nodes, one can stop and the cluster keeps
 * electing leaders and accepting {@code acks=all} writes with two replicas in sync.
 *
 * <p>Every node listens for PLAINTEXT clients on its own port of 127.0.0.1 and keeps its data in its
 * own temporary directory, deleted on {@link #close()}. A node can be {@linkplain #stop stopped} and
 * {@linkplain #restart restarted} on the same ports and data, for failover tests. Internal topics
 * (offsets, transactions) and topics created without a replication factor get
 * {@code min(3, nodes)} replicas and, from three nodes on, {@code min.insync.replicas=2}.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String clusterId = Uuid.randomUuid().toString();
    private final Path root;
    private final Map<String, String> brokerProperties;
    private final List<BrokerSettings> settings;
    private final KraftServer[] servers;
    private final Admin admin;
    private final Topics topics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaCluster(Path root, Map<String, String> brokerProperties, List<BrokerSettings> settings) {
        this.root = root;
        this.brokerProperties = Map.copyOf(brokerProperties);
        this.settings = List.copyOf(settings);
        this.servers = new KraftServer[settings.size()];
        Properties adminProperties = new Properties();
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminProperties.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-cluster-admin");
        this.admin = Admin.create(adminProperties);
        this.topics = new Topics(admin, READY_TIMEOUT);
    }

    /** Starts {@code nodes} nodes and returns once every one of them is unfenced and answering. */
    public static EmbeddedKafkaCluster start(int nodes) {
        return start(nodes, Map.of());
    }

    /**
     * Starts {@code nodes} nodes on free ports with {@code brokerProperties} over the embedded defaults
     * (the same keys as {@link EmbeddedKafkaConfig#brokerProperties()} may be set).
     */
    public static EmbeddedKafkaCluster start(int nodes, Map<String, String> brokerProperties) {
        return start(nodes, 0, brokerProperties);
    }

    /**
     * Starts {@code nodes} nodes whose client ports are {@code firstPort}, {@code firstPort + 1}, ...
     * (all free ones when {@code firstPort} is 0).
     *
     * @throws PortInUseException when one of those ports is taken
     */
    public static EmbeddedKafkaCluster start(int nodes, int firstPort, Map<String, String> brokerProperties) {
        if (firstPort < 0 || firstPort + nodes - 1 > 65_535) {
            throw new IllegalArgumentException("client ports " + firstPort + " to " + (firstPort + nodes - 1)
                    + " are not all between 0 and 65535");
        }
        if (nodes < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, was " + nodes);
        }
        long startNanos = System.nanoTime();
        Path root = createRoot();
        List<PreboundSockets> sockets = new ArrayList<>();
        EmbeddedKafkaCluster cluster = null;
        try {
            // Every controller port is in every node's voter list, so all are bound before any node starts.
            Map<Integer, Integer> clientPorts = new LinkedHashMap<>();
            Map<Integer, Integer> controllerPorts = new LinkedHashMap<>();
            for (int nodeId = 1; nodeId <= nodes; nodeId++) {
                PreboundSockets nodeSockets = new PreboundSockets();
                sockets.add(nodeSockets);
                int port = firstPort == 0 ? 0 : firstPort + nodeId - 1;
                try {
                    clientPorts.put(nodeId, nodeSockets.bind(BrokerSettings.CLIENT_LISTENER, port));
                } catch (java.net.BindException e) {
                    throw new PortInUseException(port, e);
                }
                controllerPorts.put(nodeId, nodeSockets.bind(BrokerSettings.CONTROLLER_LISTENER, 0));
            }
            List<BrokerSettings> settings = IntStream.rangeClosed(1, nodes)
                    .mapToObj(nodeId -> new BrokerSettings(nodeId, clientPorts.get(nodeId), root.resolve("node-" + nodeId),
                            controllerPorts))
                    .toList();
            cluster = new EmbeddedKafkaCluster(root, brokerProperties, settings);
            cluster.startNodes(IntStream.range(0, nodes).boxed().toList(), sockets);
            cluster.topics.awaitBrokerReady();
            cluster.awaitNodes(nodes);
            LOG.info("Embedded Kafka cluster of {} nodes listening on {} started in {} ms", nodes, cluster.bootstrapServers(),
                    Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
            return cluster;
        } catch (IOException e) {
            throw new EmbeddedKafkaException("could not open the cluster's sockets", e);
        } catch (RuntimeException | Error e) {
            if (cluster != null) {
                cluster.close();
            } else {
                Directories.deleteQuietly(root);
            }
            throw e;
        } finally {
            sockets.forEach(PreboundSockets::close);
        }
    }

    /** Every node's PLAINTEXT address, comma-separated, as clients take it. */
    public String bootstrapServers() {
        return settings.stream().map(BrokerSettings::bootstrapServers).collect(Collectors.joining(","));
    }

    /** How many nodes the cluster has, running or stopped. */
    public int size() {
        return settings.size();
    }

    /** The node id (1 to {@link #size()}) of the node at {@code index} (0-based). */
    public int nodeId(int index) {
        return settings.get(index).nodeId();
    }

    public boolean isRunning(int index) {
        synchronized (servers) {
            return servers[index] != null;
        }
    }

    /** Shuts one node down (its partitions move to the others); its ports and data stay for {@link #restart}. */
    public void stop(int index) {
        ensureOpen();
        KraftServer server;
        synchronized (servers) {
            server = servers[index];
            servers[index] = null;
        }
        if (server == null) {
            throw new IllegalStateException("node " + nodeId(index) + " is not running");
        }
        server.shutdown();
        LOG.info("Embedded Kafka node {} on {} stopped", nodeId(index), settings.get(index).bootstrapServers());
    }

    /** Starts a stopped node again on its ports and data, and returns once it is unfenced. */
    public void restart(int index) {
        ensureOpen();
        if (isRunning(index)) {
            throw new IllegalStateException("node " + nodeId(index) + " is running");
        }
        BrokerSettings node = settings.get(index);
        PreboundSockets sockets = new PreboundSockets();
        try {
            sockets.bind(BrokerSettings.CLIENT_LISTENER, node.clientPort());
            sockets.bind(BrokerSettings.CONTROLLER_LISTENER, node.controllerPort());
            List<PreboundSockets> byIndex = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                byIndex.add(i == index ? sockets : null);
            }
            startNodes(List.of(index), byIndex);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("could not bind the ports of node " + node.nodeId() + " again", e);
        } finally {
            sockets.close();
        }
        awaitNodes(runningCount());
    }

    /** Creates the topics that do not exist yet and waits until every partition has a leader. */
    public void createTopics(Collection<NewTopic> newTopics) {
        ensureOpen();
        topics.create(newTopics);
    }

    /** Stops every running node and deletes the data. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            admin.close(Duration.ofSeconds(5));
        } finally {
            List<KraftServer> running = new ArrayList<>();
            synchronized (servers) {
                for (int i = 0; i < servers.length; i++) {
                    if (servers[i] != null) {
                        running.add(servers[i]);
                        servers[i] = null;
                    }
                }
            }
            // Every broker half first, while the controller quorum is still there to approve their
            // controlled shutdowns (else a broker waits minutes for a controller already gone); then the
            // controllers, together, since a quorum that loses members one by one only times out.
            running.stream().map(server -> CompletableFuture.runAsync(server::shutdownBroker)).toList()
                    .forEach(CompletableFuture::join);
            running.stream().map(server -> CompletableFuture.runAsync(server::shutdownController)).toList()
                    .forEach(CompletableFuture::join);
            Directories.deleteQuietly(root);
        }
        LOG.info("Embedded Kafka cluster on {} stopped", bootstrapServers());
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaCluster[" + bootstrapServers() + ", " + root + "]";
    }

    /** Starts the nodes at {@code indexes} at once: a controller quorum forms only when enough voters run. */
    private void startNodes(List<Integer> indexes, List<PreboundSockets> sockets) {
        List<CompletableFuture<Void>> starts = indexes.stream().map(index -> CompletableFuture.runAsync(() -> {
            BrokerSettings node = settings.get(index);
            KafkaConfig config = new KafkaConfig(node.toProperties(brokerProperties), false);
            try {
                Files.createDirectories(node.logDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            KraftStorage.ensureNotInUse(node.logDir());
            KraftStorage.formatIfNeeded(node.logDir(), config, clusterId);
            KraftServer server = new KraftServer(config, sockets.get(index));
            synchronized (servers) {
                servers[index] = server;
            }
            try {
                server.startup();
            } catch (RuntimeException e) {
                throw new EmbeddedKafkaException("Kafka node " + node.nodeId() + " failed to start", e);
            }
        })).toList();
        try {
            starts.forEach(CompletableFuture::join);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private void awaitNodes(int count) {
        topics.awaitNodes(count);
    }

    private int runningCount() {
        synchronized (servers) {
            int running = 0;
            for (KraftServer server : servers) {
                running += server == null ? 0 : 1;
            }
            return running;
        }
    }

    private static Path createRoot() {
        try {
            return Files.createTempDirectory("embedded-kafka-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the cluster's data directory", e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
