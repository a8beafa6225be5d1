package io.meshwarden.bench.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Publishes through kcat (librdkafka, its default {@code consistent_random} partitioner) as a
 * non-Java domain service would: {@code acks=all} and librdkafka's idempotent producer, so that a
 * broker failover neither loses nor duplicates a record on the producer's side (the harness checks
 * that by reading the input topic back). Records handed to {@link #send} are batched, and a thread
 * runs one kcat per batch every {@link #BATCH_MS} ms, one after the other, so that one product's
 * records keep their order. A long-running kcat fed through a pipe holds the last records of its
 * input until more arrive or the input ends, which would hide the pauses the harness measures.
 */
final class KcatPipe implements AutoCloseable {
    static final long BATCH_MS = 100;
    private static final String KEY_DELIMITER = "\t";
    private static final long TIMEOUT_SECONDS = 300;

    private final String bootstrapServers;
    private final String topic;
    private final Path work;
    private final List<String> pending = new ArrayList<>();
    private final Thread sender;
    private volatile boolean closing;
    private volatile RuntimeException failure;
    private int batches;

    KcatPipe(String bootstrapServers, String topic, Path work) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.work = work;
        this.sender = new Thread(this::run, "kcat-" + topic);
        sender.setDaemon(true);
        sender.start();
    }

    /** Queues one record (key and value on one line, no tab in the key) for the next batch. */
    void send(String key, String value) {
        if (key.contains(KEY_DELIMITER) || (key + value).indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a kcat record is one line, its key without a tab: " + key);
        }
        if (failure != null) {
            throw failure;
        }
        synchronized (pending) {
            pending.add(key + KEY_DELIMITER + value);
        }
    }

    /** Sends what is queued, waits until kcat had every record acknowledged; fails if a kcat run failed. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        sender.join();
        if (failure != null) {
            throw failure;
        }
    }

    private void run() {
        try {
            while (true) {
                boolean last = closing;
                List<String> batch;
                synchronized (pending) {
                    batch = List.copyOf(pending);
                    pending.clear();
                }
                if (!batch.isEmpty()) {
                    produce(batch);
                }
                if (last) {
                    return;
                }
                Thread.sleep(BATCH_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void produce(List<String> lines) throws InterruptedException {
        Path input = work.resolve("kcat-" + topic + ".in");
        Path errors = work.resolve("kcat-" + topic + ".err");
        try {
            Files.write(input, lines, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder("kcat", "-b", bootstrapServers, "-P", "-t", topic, "-K", KEY_DELIMITER,
                    "-X", "acks=all", "-X", "enable.idempotence=true", "-X", "linger.ms=5")
                    .redirectInput(input.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile())).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kcat for " + topic + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            batches++;
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kcat batch " + batches + " for " + topic + " exited with " + process.exitValue()
                        + "; see " + errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run kcat (is it installed? apt-get install kcat)", e);
        }
    }
}
