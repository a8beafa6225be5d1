package io.meshwarden.local;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.events.DataProductPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated marketing domains: registers the {@link DemoProducts} once, then publishes a metric
 * event for every product at a fixed interval, as their load pipelines would.
 */
final class DemoDomains implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoDomains.class);
    private static final Duration POLICY_TIMEOUT = Duration.ofSeconds(60);

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
    private long run;

    DemoDomains(DataProductPublisher publisher) {
        this.publisher = publisher;
    }

    List<DataProductContract> products() {
        return products;
    }

    void start(Duration metricInterval) {
        List<String> notInForce = publisher.publishPolicySetsAndAwait(DemoProducts.policySets(), POLICY_TIMEOUT);
        if (!notInForce.isEmpty()) {
            LOG.warn("demo policy sets {} are not in force; see the violation topic", notInForce);
        }
        products.forEach(contract -> publisher.publishContract(contract, "demo-" + contract.getDomain()));
        publisher.flush();
        LOG.info("demo registered {} data products", products.size());
        scheduler.scheduleAtFixedRate(this::publishMetrics, 0, metricInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publishMetrics() {
        try {
            run++;
            Instant now = clock.instant();
            for (DataProductContract product : products) {
                scenario.metric(product, run, now).ifPresent(publisher::publishMetric);
            }
        } catch (RuntimeException e) {
            // A failed round must not cancel the schedule; the next round tries again.
            LOG.warn("demo metric round {} failed: {}", run, e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        publisher.close();
    }
}
