package io.meshwarden.bench.fault;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The harness's producer side, all through kcat: contract changes at a steady rate (change {@code n}
 * is version {@code n / products + 1} of product {@code n % products}), at least {@code total} of them
 * and on until the faults are over ({@link #faultsOver}), so that no fault hits an idle pipeline on a
 * slow machine; a poison record after every
 * {@code poisonEvery} changes, and, once a second, a metric event for each product in a live phase
 * (products alternate {@link #PHASE_SECONDS} s of metrics and as long of silence, staggered, so
 * freshness episodes open and close all through the run). Remembers what it sent and when.
 */
final class Load {
    static final int PHASE_SECONDS = 8;

    private final KcatPipe changes;
    private final KcatPipe metrics;
    private final int products;
    private final int total;
    private final double perSecond;
    private final int poisonEvery;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    /** Each poison record's value and the dead-letter reason it must get, in the order sent. */
    private final Map<String, String> poison = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicBoolean metricsRunning = new AtomicBoolean();
    private final AtomicBoolean faultsOver = new AtomicBoolean();
    private Thread changeThread;
    private Thread metricThread;

    Load(KcatPipe changes, KcatPipe metrics, int products, int total, double perSecond, int poisonEvery) {
        this.changes = changes;
        this.metrics = metrics;
        this.products = products;
        this.total = total;
        this.perSecond = perSecond;
        this.poisonEvery = poisonEvery;
    }

    /** Version 1.0.0 of every product, before the load, so that metrics never meet an unknown product. */
    void registerProducts() {
        for (int product = 0; product < products; product++) {
            send(product, 0);
        }
    }

    /** Starts the metrics and the steady stream of changes in threads of their own. */
    void start() {
        metricsRunning.set(true);
        metricThread = daemon("fault-load-metrics", this::sendMetrics);
        changeThread = daemon("fault-load-changes", this::sendChanges);
    }

    /** Changes sent so far, the registrations included. */
    int changesSent() {
        return sentAt.size();
    }

    /** Load changes sent so far, out of {@link #total}. */
    int loadSent() {
        return sent.get();
    }

    /** Lets the changes stop once {@code total} have been sent. */
    void faultsOver() {
        faultsOver.set(true);
    }

    void awaitChanges() throws InterruptedException {
        changeThread.join();
    }

    void stopMetrics() throws InterruptedException {
        metricsRunning.set(false);
        metricThread.join();
    }

    /** Change id to {@link System#nanoTime()} when it was handed to kcat. */
    Map<String, Long> sentAt() {
        return Map.copyOf(sentAt);
    }

    /** Each poison record sent, its value to the dead-letter reason it must get. */
    Map<String, String> poison() {
        synchronized (poison) {
            return Map.copyOf(poison);
        }
    }

    private void sendChanges() {
        long start = System.nanoTime();
        for (int n = 0; n < total || !faultsOver.get(); n++) {
            long due = start + (long) (n * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(n % products, n / products + 1);
            if ((n + 1) % poisonEvery == 0) {
                int number = poison.size();
                String value = FaultContracts.poison(number);
                poison.put(value, FaultContracts.poisonReason(number).headerValue());
                changes.send(FaultContracts.DOMAIN + ".fault-poison-" + number, value);
            }
            sent.incrementAndGet();
        }
    }

    private void send(int product, int version) {
        String line = FaultContracts.change(product, version, Instant.now());
        sentAt.put(FaultContracts.changeId(product, version), System.nanoTime());
        changes.send(FaultContracts.productId(product), line);
    }

    private void sendMetrics() {
        long start = System.nanoTime();
        for (long second = 0; metricsRunning.get(); second++) {
            long wait = start + second * 1_000_000_000L - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Instant now = Instant.now();
            for (int product = 0; product < products; product++) {
                if (live(product, second)) {
                    metrics.send(FaultContracts.productId(product), FaultContracts.metric(product, now));
                }
            }
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static boolean live(int product, long second) {
        return ((second + product) / PHASE_SECONDS) % 2 == 0;
    }
}
