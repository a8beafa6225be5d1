package io.meshwarden.local;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.DataProductPublisher;
import io.meshwarden.events.PolicySetOutcome;
import io.meshwarden.events.TopicWaiter;
import io.meshwarden.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated marketing domains: registers the {@link DemoProducts} once, then publishes a metric
 * event for every product at a fixed interval, as their load pipelines would, and the records of
 * the product observed in its own data ({@link DemoSendEngagement}); one product first brings the
 * history its anomaly detector needs, with a drop in its last hour ({@link DemoVolumeAnomaly}).
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
    private final MeshwardenConfig config;
    /** The products whose pipelines run: those governance accepted (or did not answer for in time). */
    private volatile List<DataProductContract> running = List.of();
    private long run;

    /** @param config the mesh's configuration, {@link DemoSendEngagement#configure configured} for the demo */
    DemoDomains(DataProductPublisher publisher, MeshwardenConfig config) {
        this.publisher = publisher;
        this.config = config;
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
        running = accepted(products);
        sendEngagement.registered(clock.instant());
        LOG.info("demo registered {} data products; {} pipelines publish metrics", products.size(), running.size());
        // The first round one interval later: a contract reaches quality-streams' catalog through governance
        // (a hop more than a metric takes), and a metric of a product not in the catalog yet is dead-lettered
        // as unknown-product, as it should be, but the demo should not start with a dead letter per product.
        if (running.stream().anyMatch(product -> product.getId().equals(DemoVolumeAnomaly.PRODUCT))) {
            DemoVolumeAnomaly.history(clock.instant(), metricInterval, random).forEach(publisher::publishMetric);
            publisher.flush();
        }
        scheduler.scheduleAtFixedRate(this::publishMetrics, metricInterval.toMillis(), metricInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes every contract and waits for its decision. A team whose contract governance rejected
     * does not run its pipeline against the mesh (its metrics would rightly be dead-lettered as
     * {@code unknown-product}, the product not being in the catalog): the demo shows the rejection
     * on the decisions and violations, and starts with no dead letter. A product without a decision
     * in time runs anyway, and says so.
     */
    private List<DataProductContract> accepted(List<DataProductContract> contracts) {
        Map<String, DataProductContract> byChange = new HashMap<>();
        Map<String, DecisionOutcome> outcomes = new HashMap<>();
        try (TopicWaiter<Decision> decisions = new TopicWaiter<>(config, config.topics().topic(Topics.DECISIONS))) {
            contracts.forEach(contract -> byChange.put(publisher.publishContract(contract, "demo-" + contract.getDomain())
                    .event().getChangeId(), contract));
            publisher.flush();
            long deadline = System.nanoTime() + POLICY_TIMEOUT.toNanos();
            while (outcomes.size() < byChange.size() && System.nanoTime() < deadline) {
                decisions.read(POLL_INTERVAL, decision -> {
                    if (byChange.containsKey(decision.getChangeId())) {
                        outcomes.put(decision.getChangeId(), decision.getOutcome());
                    }
                });
            }
        }
        List<DataProductContract> running = new ArrayList<>();
        byChange.forEach((changeId, contract) -> {
            DecisionOutcome outcome = outcomes.get(changeId);
            if (outcome == DecisionOutcome.REJECTED) {
                LOG.info("demo: {} was rejected by governance; its pipeline publishes no metrics until a version is accepted",
                        contract.getId());
            } else {
                if (outcome == null) {
                    LOG.warn("demo: no decision for {} within {} s; its pipeline runs anyway", contract.getId(),
                            POLICY_TIMEOUT.toSeconds());
                }
                running.add(contract);
            }
        });
        running.sort(Comparator.comparing(DataProductContract::getId));
        return List.copyOf(running);
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
            for (DataProductContract product : running) {
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
