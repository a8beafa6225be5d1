package io.meshwarden.bench.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One service instance or broker node of the harness as an operating-system process that can be
 * killed ({@code kill -9}), stopped (SIGTERM) and started again with the same command. Each start
 * writes stdout and stderr to a log file of its own ({@code <name>.<start>.log}), which
 * {@link #logContains} reads to tell when the process is ready.
 */
final class ChildProcess {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logDir;
    private Process process;
    private Path log;
    private int starts;

    ChildProcess(String name, List<String> command, Map<String, String> environment, Path logDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logDir = logDir;
    }

    String name() {
        return name;
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        starts++;
        log = logDir.resolve(name + "." + starts + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is flushed or closed. */
    synchronized void kill() {
        process.destroyForcibly();
        awaitExit(STOP_TIMEOUT);
    }

    /** SIGTERM, and SIGKILL if it has not exited within {@code timeout}; returns whether it stopped by itself. */
    synchronized boolean stop(Duration timeout) {
        if (process == null || !process.isAlive()) {
            return true;
        }
        process.destroy();
        if (awaitExit(timeout)) {
            return true;
        }
        kill();
        return false;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Whether this start's log holds {@code text}; a process that died meanwhile is an error, with its log's tail. */
    synchronized boolean logContains(String text) {
        String content = readLog();
        if (content.contains(text)) {
            return true;
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + " before logging '" + text
                    + "'; the end of " + log + ":\n" + tail(content));
        }
        return false;
    }

    /** Waits until {@code condition} holds, failing with the log's tail when the process dies or time runs out. */
    void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            synchronized (this) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + " before " + what
                            + "; the end of " + log + ":\n" + tail(readLog()));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not " + what + " within " + timeout + "; the end of " + log + ":\n"
                        + tail(readLog()));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String readLog() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String content) {
        List<String> lines = new ArrayList<>(content.lines().toList());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public String toString() {
        return name;
    }
}
