package io.meshwarden.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker running in this JVM: one KRaft process that is both broker and
 * controller, listening for PLAINTEXT clients on 127.0.0.1.
 *
 * <p>It is started much like {@code kafka-server-start.sh} starts a KRaft node (see {@link KraftServer}),
 * after formatting the log directory like {@code kafka-storage.sh format} would.
 * Several brokers can run in one JVM at once; each has its own ports and directory. Topics are not
 * auto-created: create them with {@link #createTopic} or {@link #createTopics}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafkaConfig config;
    private final Path dataDir;
    private final BrokerSettings settings;
    private final KraftServer server;
    private final Admin admin;
    private final Topics topics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(EmbeddedKafkaConfig config, Path dataDir, BrokerSettings settings, KraftServer server) {
        this.config = config;
        this.dataDir = dataDir;
        this.settings = settings;
        this.server = server;
        this.admin = Admin.create(adminProperties(settings.bootstrapServers()));
        this.topics = new Topics(admin, READY_TIMEOUT);
    }

    /** Starts a broker on a free port with a temporary data directory. */
    public static EmbeddedKafkaBroker start() {
        return start(EmbeddedKafkaConfig.defaults());
    }

    /** Starts a broker as configured and returns once it accepts client requests. */
    public static EmbeddedKafkaBroker start(EmbeddedKafkaConfig config) {
        long startNanos = System.nanoTime();
        Path dataDir = prepareDataDir(config);
        try {
            EmbeddedKafkaBroker broker = startOn(config, dataDir);
            try {
                broker.topics.awaitBrokerReady();
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            LOG.info("Embedded Kafka broker listening on {} (data in {}) started in {} ms",
                    broker.bootstrapServers(), dataDir, Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
            return broker;
        } catch (RuntimeException | Error e) {
            if (config.usesTemporaryDataDir()) {
                Directories.deleteQuietly(dataDir);
            }
            throw e;
        }
    }

    /** The PLAINTEXT address clients connect to, {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** The directory holding the broker's logs and metadata. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Creates a topic with replication factor 1 unless it already exists, then waits until every
     * partition has a leader. An existing topic is left as it is, even if it differs.
     */
    public void createTopic(String name, int partitions, boolean compacted) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1);
        if (compacted) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        createTopics(List.of(topic));
    }

    /** Creates the topics that do not exist yet and waits until all of them have leaders. */
    public void createTopics(Collection<NewTopic> newTopics) {
        ensureOpen();
        topics.create(newTopics);
    }

    /** Stops the broker and, if it used a temporary directory, deletes it. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long startNanos = System.nanoTime();
        try {
            admin.close(Duration.ofSeconds(5));
        } finally {
            server.shutdown();
            if (config.usesTemporaryDataDir()) {
                Directories.deleteQuietly(dataDir);
            }
        }
        LOG.info("Embedded Kafka broker on {} stopped in {} ms",
                bootstrapServers(), Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", " + dataDir + "]";
    }

    private static Path prepareDataDir(EmbeddedKafkaConfig config) {
        try {
            return config.usesTemporaryDataDir()
                    ? Files.createTempDirectory("embedded-kafka-")
                    : Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("could not create Kafka data directory", e);
        }
    }

    private static EmbeddedKafkaBroker startOn(EmbeddedKafkaConfig config, Path dataDir) {
        KraftStorage.ensureNotInUse(dataDir);
        PreboundSockets sockets = new PreboundSockets();
        try {
            BrokerSettings settings = new BrokerSettings(
                    bindClientPort(sockets, config.port()),
                    sockets.bind(BrokerSettings.CONTROLLER_LISTENER, 0),
                    dataDir);
            KafkaConfig kafkaConfig = new KafkaConfig(settings.toProperties(config.brokerProperties()), false);
            KraftStorage.formatIfNeeded(dataDir, kafkaConfig);
            KraftServer server = new KraftServer(kafkaConfig, sockets);
            try {
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                throw new EmbeddedKafkaException("Kafka broker failed to start", e);
            }
            return new EmbeddedKafkaBroker(config, dataDir, settings, server);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("could not open the broker's sockets", e);
        } finally {
            sockets.close();
        }
    }

    private static int bindClientPort(PreboundSockets sockets, int port) throws IOException {
        try {
            return sockets.bind(BrokerSettings.CLIENT_LISTENER, port);
        } catch (BindException e) {
            throw new PortInUseException(port, e);
        }
    }

    private static Properties adminProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin");
        return props;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
