package io.meshwarden.local;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.DataProductPublisher;
import io.meshwarden.events.PolicySetOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated marketing domains: registers the {@link DemoProducts} once, then publishes a metric
 * event for every product at a fixed interval, as their load pipelines would, and the records of
 * the product observed in its own data ({@link DemoSendEngagement}).
 */
final class DemoDomains implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoDomains.class);
    private static final Duration POLICY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final DataProductPublisher publisher;
    private final List<DataProductContract> products = DemoMetricsScenario.tune(DemoProducts.all());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-domains");
        thread.setDaemon(true);
        return thread;
    });
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final Clock clock = Clock.systemUTC();
    private final DemoMetricsScenario scenario = new DemoMetricsScenario(clock.instant(), random);
    private final DemoSendEngagement sendEngagement;
    private long run;

    /** @param config the mesh's configuration, {@link DemoSendEngagement#configure configured} for the demo */
    DemoDomains(DataProductPublisher publisher, MeshwardenConfig config) {
        this.publisher = publisher;
        this.sendEngagement = new DemoSendEngagement(config, random);
    }

    List<DataProductContract> products() {
        return products;
    }

    /**
     * Publishes the policy sets, waits until the evaluating instance holds them (so the demo's
     * verdicts never depend on how fast its global store catches up), then registers the products
     * and starts the metric schedule.
     *
     * @param evaluatorInForce the policy sets, as {@code id@version}, the evaluating instance uses now
     */
    void start(Duration metricInterval, Supplier<Set<String>> evaluatorInForce) {
        List<PolicySetOutcome> notInForce = publisher.publishPolicySetsAndAwait(DemoProducts.policySets(), POLICY_TIMEOUT)
                .stream().filter(outcome -> !outcome.inForce()).toList();
        if (!notInForce.isEmpty()) {
            LOG.warn("demo policy sets not in force: {}", notInForce);
        }
        awaitEvaluator(evaluatorInForce);
        products.forEach(contract -> publisher.publishContract(contract, "demo-" + contract.getDomain()));
        publisher.flush();
        sendEngagement.registered(clock.instant());
        LOG.info("demo registered {} data products", products.size());
        // The first round one interval later: a contract reaches quality-streams' catalog through governance
        // (a hop more than a metric takes), and a metric of a product not in the catalog yet is dead-lettered
        // as unknown-product, as it should be, but the demo should not start with a dead letter per product.
        scheduler.scheduleAtFixedRate(this::publishMetrics, metricInterval.toMillis(), metricInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static void awaitEvaluator(Supplier<Set<String>> evaluatorInForce) {
        Set<String> wanted = DemoProducts.policySets().stream().map(set -> set.getId() + "@" + set.getVersion())
                .collect(Collectors.toSet());
        try {
            // In this thread, and blind to other threads' uncaught exceptions: Awaitility's defaults suit tests.
            Awaitility.await("quality-streams to hold the demo policy sets " + wanted).atMost(POLICY_TIMEOUT)
                    .pollInterval(POLL_INTERVAL).pollInSameThread().dontCatchUncaughtExceptions()
                    .until(() -> evaluatorInForce.get().containsAll(wanted));
        } catch (ConditionTimeoutException e) {
            LOG.warn("quality-streams holds {} of the demo policy sets {} after {} s; early verdicts may use older sets",
                    evaluatorInForce.get(), wanted, POLICY_TIMEOUT.toSeconds());
        }
    }

    private void publishMetrics() {
        try {
            run++;
            Instant now = clock.instant();
            for (DataProductContract product : products) {
                scenario.metric(product, run, now).ifPresent(publisher::publishMetric);
            }
            sendEngagement.publish(now);
        } catch (RuntimeException e) {
            // A failed round must not cancel the schedule; the next round tries again.
            LOG.warn("demo metric round {} failed: {}", run, e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        sendEngagement.close();
        publisher.close();
    }
}
