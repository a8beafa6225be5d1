package io.meshwarden.local;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.events.DataProductPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    private final DataProductPublisher publisher;
    private final List<DataProductContract> products = DemoProducts.all();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-domains");
        thread.setDaemon(true);
        return thread;
    });
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final Clock clock = Clock.systemUTC();
    private long run;

    DemoDomains(DataProductPublisher publisher) {
        this.publisher = publisher;
    }

    List<DataProductContract> products() {
        return products;
    }

    void start(Duration metricInterval) {
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
                long expected = 1_000 + random.nextInt(500);
                publisher.publishMetric(MetricEvent.newBuilder()
                        .setProductId(product.getId())
                        .setPipelineRunId(product.getId() + "-run-" + run)
                        .setSourcePlatform(product.getSourcePlatform())
                        .setRecordsLoaded(expected - random.nextInt(3))
                        .setRecordsExpected(expected)
                        .setFieldNullCounts(Map.of())
                        .setNewestRecordTime(now.minusSeconds(random.nextInt(30)))
                        .setEventTime(now)
                        .build());
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
