package io.meshwarden.kafka.embedded;

import java.util.concurrent.CompletableFuture;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.server.SharedServer;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.ServerSocketFactory;
import org.apache.kafka.server.fault.FaultHandler;
import org.apache.kafka.server.fault.LoggingFaultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * A combined broker+controller KRaft node, wired the way {@link KafkaRaftServer} wires one, with two
 * changes that matter inside someone else's JVM:
 *
 * <ul>
 *   <li>listening sockets come from a {@link ServerSocketFactory}, so they can be bound in advance;</li>
 *   <li>fatal faults are logged instead of halting the JVM (Kafka's standard handler calls
 *       {@code Exit.halt}, which would kill a test run without a report). This is what Kafka's own
 *       {@code KafkaClusterTestKit} does as well.</li>
 * </ul>
 *
 * <p>Unlike {@link KafkaRaftServer} it does not register the {@code kafka.server:type=app-info} MBean: every
 * embedded node has id 1, so a second broker in the JVM would only log a registration conflict for it.
 */
final class KraftServer {

    private static final Logger LOG = LoggerFactory.getLogger(KraftServer.class);

    private final ControllerServer controller;
    private final BrokerServer broker;

    KraftServer(KafkaConfig config, ServerSocketFactory sockets) {
        Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> logDirs =
                KafkaRaftServer.initializeLogDirs(config, LOG, "[EmbeddedKafka nodeId=" + config.nodeId() + "] ");
        MetaPropertiesEnsemble metaProperties = logDirs._1();
        Time time = Time.SYSTEM;
        Metrics metrics = Server.initializeMetrics(config, time, metaProperties.clusterId().get());
        SharedServer shared = new SharedServer(
                config,
                metaProperties,
                time,
                metrics,
                CompletableFuture.completedFuture(QuorumConfig.parseVoterConnections(config.quorumConfig().voters())),
                QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
                KraftServer::faultHandler,
                sockets);
        this.controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), logDirs._2());
        this.broker = new BrokerServer(shared);
    }

    /** Starts controller then broker, as {@link KafkaRaftServer#startup()} does; returns once the broker is unfenced. */
    void startup() {
        controller.startup();
        broker.startup();
    }

    /** Stops broker then controller and waits for both; safe after a failed or partial startup. */
    void shutdown() {
        try {
            broker.shutdown();
        } finally {
            controller.shutdown();
        }
        broker.awaitShutdown();
        controller.awaitShutdown();
    }

    /**
     * Stops the broker half and waits for it: its controlled shutdown needs an active controller, so
     * a cluster stops every broker half before any controller half.
     */
    void shutdownBroker() {
        broker.shutdown();
        broker.awaitShutdown();
    }

    /** Stops the controller half and waits for it. */
    void shutdownController() {
        controller.shutdown();
        controller.awaitShutdown();
    }

    /**
     * Logs every fault at ERROR and runs its action, fatal or not. A fatal fault still stops the Kafka
     * thread that hit it (the returned exception is thrown there), so the broker degrades visibly instead
     * of taking the whole JVM down with it.
     */
    private static FaultHandler faultHandler(String name, boolean fatal, Runnable action) {
        return new LoggingFaultHandler(fatal ? "fatal " + name : name, action);
    }
}
