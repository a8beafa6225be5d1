package io.meshwarden.kafka.embedded;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * Runs an {@link EmbeddedKafkaBroker} as a standalone process for local development, until SIGTERM or
 * Ctrl-C; {@code --help} lists the {@link MainOptions}.
 *
 * <pre>
 * java -jar embedded-kafka/target/embedded-kafka-0.1.0-SNAPSHOT.jar --port 9092 --topic orders:3
 * </pre>
 */
@Command(name = "embedded-kafka", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a single-node KRaft Kafka broker on 127.0.0.1 until Ctrl-C or SIGTERM.")
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
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } finally {
                stopped.countDown();
            }
        }, "embedded-kafka-shutdown"));
        out.println("Kafka broker listening on " + broker.bootstrapServers() + " (data in " + broker.dataDir().toAbsolutePath() + ")");
        out.flush();
        awaitUninterruptibly(stopped);
        return 0;
    }

    private static EmbeddedKafkaBroker startWithTopics(MainOptions options) {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults().withPort(options.port).withDataDir(options.dataDir);
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
