package io.meshwarden.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node (broker and controller) of a multi-node KRaft cluster, running in this JVM while the other
 * nodes run wherever they like, usually in processes of their own ({@code EmbeddedKafkaMain --nodes}).
 * It is started with the same {@link BrokerSettings}, {@link KraftStorage} and {@link KraftServer} as
 * the nodes of {@link EmbeddedKafkaCluster}; its data directory is kept, so the node can be killed
 * and started again on the same directory and ports. Topics are created through any node once a
 * majority of controllers runs.
 */
public final class EmbeddedKafkaNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaNode.class);

    private final QuorumMember member;
    private final KraftServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaNode(QuorumMember member, KraftServer server) {
        this.member = member;
        this.server = server;
    }

    /**
     * Formats the data directory if it is new, starts the node and returns once its broker is
     * unfenced, which needs a majority of the quorum's controllers running: start the nodes of a new
     * cluster at about the same time.
     *
     * @param brokerProperties server properties over the embedded defaults, as {@link EmbeddedKafkaConfig} takes them
     * @throws PortInUseException when one of the node's ports is taken
     */
    public static EmbeddedKafkaNode start(QuorumMember member, Map<String, String> brokerProperties) {
        long startNanos = System.nanoTime();
        BrokerSettings settings = member.settings();
        KafkaConfig config = new KafkaConfig(settings.toProperties(brokerProperties), false);
        try {
            Files.createDirectories(settings.logDir());
        } catch (IOException e) {
            throw new UncheckedIOException("could not create Kafka data directory " + settings.logDir(), e);
        }
        KraftStorage.ensureNotInUse(settings.logDir());
        KraftStorage.formatIfNeeded(settings.logDir(), config, member.clusterId());
        try (PreboundSockets sockets = new PreboundSockets()) {
            bind(sockets, BrokerSettings.CLIENT_LISTENER, member.clientPort());
            bind(sockets, BrokerSettings.CONTROLLER_LISTENER, member.controllerPort());
            KraftServer server = new KraftServer(config, sockets);
            try {
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                throw new EmbeddedKafkaException("Kafka node " + member.nodeId() + " failed to start", e);
            }
            LOG.info("Embedded Kafka node {} of {} listening on {} started in {} ms", member.nodeId(), member.nodes(),
                    settings.bootstrapServers(), Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
            return new EmbeddedKafkaNode(member, server);
        }
    }

    public QuorumMember member() {
        return member;
    }

    /** Stops broker then controller. Calling it again does nothing; the data directory stays. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdown();
            LOG.info("Embedded Kafka node {} on 127.0.0.1:{} stopped", member.nodeId(), member.clientPort());
        }
    }

    /**
     * Closes several nodes of one cluster in this JVM as {@link EmbeddedKafkaCluster#close()} does: every
     * broker half first, while the quorum can still approve their controlled shutdowns, then the controllers.
     */
    public static void closeAll(List<EmbeddedKafkaNode> nodes) {
        List<EmbeddedKafkaNode> open = nodes.stream().filter(node -> node.closed.compareAndSet(false, true)).toList();
        open.stream().map(node -> CompletableFuture.runAsync(node.server::shutdownBroker)).toList()
                .forEach(CompletableFuture::join);
        open.stream().map(node -> CompletableFuture.runAsync(node.server::shutdownController)).toList()
                .forEach(CompletableFuture::join);
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaNode[" + member.nodeId() + " of " + member.nodes() + ", 127.0.0.1:" + member.clientPort() + "]";
    }

    private static void bind(PreboundSockets sockets, String listener, int port) {
        try {
            sockets.bind(listener, port);
        } catch (BindException e) {
            throw new PortInUseException(port, e);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("could not open port " + port + " of the node", e);
        }
    }
}
