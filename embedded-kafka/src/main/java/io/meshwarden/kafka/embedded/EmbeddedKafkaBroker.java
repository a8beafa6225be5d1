package io.meshwarden.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import kafka.server.KafkaConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker running in this JVM: one KRaft process that is both broker and
 * controller, listening for PLAINTEXT clients on 127.0.0.1, or, when {@link EmbeddedKafkaConfig#withSecurity
 * secured}, for SASL/SCRAM-SHA-512 clients with Kafka's {@code StandardAuthorizer} enforcing ACLs
 * ({@link BrokerSecurity}).
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
    /** The users so far, {@code null} on an unsecured broker; {@link #createUser} adds to it. */
    private final AtomicReference<BrokerSecurity> security;

    private EmbeddedKafkaBroker(EmbeddedKafkaConfig config, Path dataDir, BrokerSettings settings, KraftServer server,
                                String brokerPassword) {
        this.config = config;
        this.dataDir = dataDir;
        this.settings = settings;
        this.server = server;
        this.security = new AtomicReference<>(config.security());
        this.admin = Admin.create(adminProperties(settings.bootstrapServers(), brokerPassword));
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
                if (config.secured()) {
                    broker.scramUsers().create(config.security().passwords());
                }
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

    /** Whether clients must authenticate (SASL/SCRAM-SHA-512) and ACLs are enforced. */
    public boolean secured() {
        return security.get() != null;
    }

    /** The users of a secured broker and their passwords. */
    public BrokerSecurity security() {
        BrokerSecurity users = security.get();
        if (users == null) {
            throw new IllegalStateException(this + " is not secured; start it with EmbeddedKafkaConfig.withSecurity");
        }
        return users;
    }

    /**
     * What a client of this broker needs to connect as {@code user}: the bootstrap servers and, on a
     * secured broker, its SASL settings. On an unsecured broker the user is ignored.
     */
    public Map<String, Object> clientProperties(String user) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (secured()) {
            props.putAll(security().clientProperties(user));
        }
        return props;
    }

    /** {@link #clientProperties} of the {@value BrokerSecurity#ADMIN_USER} super user. */
    public Map<String, Object> adminClientProperties() {
        return clientProperties(BrokerSecurity.ADMIN_USER);
    }

    /**
     * Creates an ordinary (not super) SCRAM user with a generated password, or returns the password an
     * existing user has, once the broker authenticates it.
     */
    public String createUser(String user) {
        ensureOpen();
        BrokerSecurity before = security();
        if (before.passwords().containsKey(user)) {
            return before.password(user);
        }
        BrokerSecurity after = security.updateAndGet(users -> users.withUser(user));
        scramUsers().create(Map.of(user, after.password(user)));
        return after.password(user);
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
            String clientListener = config.secured() ? BrokerSecurity.LISTENER : BrokerSettings.CLIENT_LISTENER;
            BrokerSettings settings = new BrokerSettings(
                    bindClientPort(sockets, clientListener, config.port()),
                    sockets.bind(BrokerSettings.CONTROLLER_LISTENER, 0),
                    dataDir);
            String brokerPassword = config.secured() ? BrokerSecurity.randomPassword() : null;
            Map<String, String> overrides = new LinkedHashMap<>();
            if (config.secured()) {
                overrides.putAll(config.security().brokerProperties(settings.clientPort(), settings.controllerPort(), brokerPassword));
            }
            overrides.putAll(config.brokerProperties());
            KafkaConfig kafkaConfig = new KafkaConfig(settings.toProperties(overrides), false);
            KraftStorage.formatIfNeeded(dataDir, kafkaConfig);
            KraftServer server = new KraftServer(kafkaConfig, sockets);
            try {
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                throw new EmbeddedKafkaException("Kafka broker failed to start", e);
            }
            return new EmbeddedKafkaBroker(config, dataDir, settings, server, brokerPassword);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("could not open the broker's sockets", e);
        } finally {
            sockets.close();
        }
    }

    private static int bindClientPort(PreboundSockets sockets, String listener, int port) throws IOException {
        try {
            return sockets.bind(listener, port);
        } catch (BindException e) {
            throw new PortInUseException(port, e);
        }
    }

    /** The broker's own admin client; on a secured broker it is the internal super user, over PLAIN. */
    private static Properties adminProperties(String bootstrapServers, String brokerPassword) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin");
        if (brokerPassword != null) {
            props.putAll(BrokerSecurity.brokerClientProperties(brokerPassword));
        }
        return props;
    }

    private ScramUsers scramUsers() {
        return new ScramUsers(admin, bootstrapServers(), READY_TIMEOUT);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
