package io.meshwarden.streams;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A service process's life from its start to its exit code, the same for every command line that runs
 * Kafka Streams applications: the JVM's shutdown (SIGTERM, SIGINT) closes the service's parts and the run
 * returns 0; when any of its applications goes to ERROR (Kafka Streams gave up after the thread-failure
 * policy's budget, {@link ThreadFailurePolicy}) the run closes them, says so on standard error and returns
 * 1, so that whatever runs the process restarts it instead of keeping a live process that does nothing.
 * The close action closes every part in order and may run twice (on failure, then in the shutdown hook of
 * the exit), so each part's close must be idempotent, as {@link StreamsApp#close()} is.
 */
public final class ServiceRun {
    private final String name;
    private final Runnable closeAll;
    private final PrintStream err;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean failed = new AtomicBoolean();

    private ServiceRun(String name, Runnable closeAll, Consumer<Thread> shutdownHooks, PrintStream err) {
        this.name = name;
        this.closeAll = closeAll;
        this.err = err;
        shutdownHooks.accept(new Thread(() -> {
            closeAll.run();
            stopped.countDown();
        }, name + "-shutdown"));
    }

    /** A run of the service {@code name} (the prefix of its messages) whose parts {@code closeAll} closes. */
    public static ServiceRun closingOnShutdown(String name, Runnable closeAll) {
        return new ServiceRun(name, closeAll, Runtime.getRuntime()::addShutdownHook, System.err);
    }

    static ServiceRun forTest(String name, Runnable closeAll, Consumer<Thread> shutdownHooks, PrintStream err) {
        return new ServiceRun(name, closeAll, shutdownHooks, err);
    }

    /** The listener to add to each of the service's Kafka Streams applications: ERROR ends the run. */
    public KafkaStreams.StateListener stopOnError() {
        return (now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                failed.set(true);
                stopped.countDown();
            }
        };
    }

    /** Waits until the JVM shuts down (0) or an application went to ERROR (1, its parts closed). */
    public int awaitStop() throws InterruptedException {
        stopped.await();
        if (!failed.get()) {
            return 0;
        }
        err.println(name + ": Kafka Streams stopped after repeated thread failures (see the log); exiting");
        closeAll.run();
        return 1;
    }

    /** Whether the run has ended, by a shutdown or a failure. */
    boolean ended() {
        return stopped.getCount() == 0;
    }
}
