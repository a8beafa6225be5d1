package io.meshwarden.kafka.embedded;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * Runs an {@link EmbeddedKafkaBroker} as a standalone process for local development, until SIGTERM or
 * Ctrl-C; {@code --help} lists the {@link MainOptions}. With {@code --nodes} it runs one
 * {@link EmbeddedKafkaNode} of a multi-node cluster instead, one process per node, restartable on its
 * data directory after a {@code kill -9}:
 *
 * <pre>
 * java -jar embedded-kafka/target/embedded-kafka-0.1.0-SNAPSHOT.jar --port 9092 --topic orders:3
 * java -jar embedded-kafka-0.1.0-SNAPSHOT.jar --nodes 3 --node-id 2 --port 19092 --controller-port 19192 \
 *     --cluster-id "$ID" --data-dir /var/tmp/kafka-2
 * </pre>
 */
@Command(name = "embedded-kafka", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a single-node KRaft Kafka broker on 127.0.0.1 until Ctrl-C or SIGTERM.",
                "With --nodes N, runs node --node-id of an N-node cluster (broker and controller; start one process per node)."})
public final class EmbeddedKafkaMain implements Callable<Integer> {

    /** Not named logback.xml, so it is never picked up by applications that have this jar on their classpath. */
    private static final String LOGBACK_CONFIG = "io/meshwarden/kafka/embedded/embedded-kafka-main-logback.xml";

    @Mixin
    private MainOptions options;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    private EmbeddedKafkaMain() {
    }

    public static void main(String[] args) {
        // Must happen before the first logger exists; logback reads the property once, on first use.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        int exitCode = run(args, System.out, System.err);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * Parses {@code args}, starts the broker and blocks until the JVM shuts down. Returns early with a
     * non-zero exit code (2 for bad arguments, as picocli does, 1 when the broker cannot start) after
     * printing why.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return new CommandLine(new EmbeddedKafkaMain())
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    @Override
    public Integer call() {
        if (options.isQuorumMember()) {
            return runNode(quorumMember());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EmbeddedKafkaBroker broker;
        try {
            broker = startWithTopics(options);
        } catch (PortInUseException e) {
            err.println("error: port " + e.port() + " on 127.0.0.1 is already in use; stop whatever listens there or pass --port");
            return 1;
        } catch (EmbeddedKafkaException e) {
            err.println("error: " + describe(e));
            return 1;
        }
        out.println("Kafka broker listening on " + broker.bootstrapServers() + " (data in " + broker.dataDir().toAbsolutePath() + ")");
        if (broker.secured()) {
            printUsers(out, broker);
        }
        out.flush();
        closeOnShutdown(broker::close);
        return 0;
    }

    /** The options of a node of a cluster, checked together; a bad combination is a usage error (exit 2). */
    private QuorumMember quorumMember() {
        if (options.nodeId == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--node-id is required with --nodes "
                    + options.nodes + " (and with --controller-port or --cluster-id)");
        }
        if (options.controllerPort == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--controller-port is required for a node of a cluster");
        }
        if (options.dataDir == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--data-dir is required for a node of a cluster, so that it restarts on its data");
        }
        if (!options.topics.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--topic cannot be used with --nodes; create topics through any node once the cluster is up");
        }
        try {
            return new QuorumMember(options.nodeId, options.nodes, options.port, options.controllerPort, options.clusterId,
                    options.dataDir);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private int runNode(QuorumMember member) {
        PrintWriter err = spec.commandLine().getErr();
        EmbeddedKafkaNode node;
        try {
            node = EmbeddedKafkaNode.start(member, Map.of());
        } catch (PortInUseException e) {
            err.println("error: port " + e.port() + " on 127.0.0.1 is already in use; stop whatever listens there"
                    + " or pass other --port/--controller-port");
            return 1;
        } catch (EmbeddedKafkaException e) {
            err.println("error: " + describe(e));
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Kafka node " + member.nodeId() + " of " + member.nodes() + " listening on 127.0.0.1:" + member.clientPort()
                + " (controller 127.0.0.1:" + member.controllerPort() + ", cluster " + member.clusterId() + ", bootstrap "
                + member.bootstrapServers() + ", data in " + member.dataDir().toAbsolutePath() + ")");
        out.flush();
        closeOnShutdown(node::close);
        return 0;
    }

    /** Blocks until the JVM shuts down (SIGTERM, Ctrl-C), closing the server on the way. */
    private static void closeOnShutdown(Runnable close) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close.run();
            } finally {
                stopped.countDown();
            }
        }, "embedded-kafka-shutdown"));
        awaitUninterruptibly(stopped);
    }

    /** The users and passwords of a secured broker, and a kcat line for the first ordinary user (else admin). */
    private static void printUsers(PrintWriter out, EmbeddedKafkaBroker broker) {
        BrokerSecurity users = broker.security();
        out.println("SASL_PLAINTEXT, " + BrokerSecurity.MECHANISM + ", ACLs enforced; users (name / password):");
        users.passwords().forEach((user, password) -> out.println("  " + user + " " + password
                + (users.superUsers().contains(user) ? " (super user)" : "")));
        String user = users.passwords().keySet().stream().filter(name -> !users.superUsers().contains(name)).findFirst()
                .orElse(BrokerSecurity.ADMIN_USER);
        out.println("kcat -b " + broker.bootstrapServers() + " " + users.kcatOptions(user) + " -L");
    }

    private static EmbeddedKafkaBroker startWithTopics(MainOptions options) {
        if (!options.secure && (!options.users.isEmpty() || !options.superUsers.isEmpty())) {
            throw new EmbeddedKafkaException("--user and --super-user need --secure");
        }
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults().withPort(options.port).withDataDir(options.dataDir);
        if (options.secure) {
            config = config.withSecurity(BrokerSecurity.generated(options.superUsers, options.users));
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config);
        try {
            for (MainOptions.TopicSpec topic : options.topics) {
                broker.createTopic(topic.name(), topic.partitions(), false);
            }
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** The message chain without stack frames: users of a command line want the reason, not the trace. */
    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            message.append(": ").append(cause.getMessage());
        }
        return message.toString();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
