package io.meshwarden.local;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualityGuarantees;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What the demo pipelines load, so a newcomer sees quality breaches and recoveries within minutes:
 * {@value #SILENT} promises data fresh within 20 s, goes silent one minute after start and comes
 * back two minutes later (a freshness BREACH, then a RECOVERY); {@value #DIPPING} is judged over
 * three-minute windows and loads only 80 % of its records during the second minute (a completeness
 * BREACH once that minute's window closes, a RECOVERY once it has rolled out). The others load
 * 99.8 % or more of what their source reports, except {@value DemoSendEngagement#PRODUCT}, which
 * publishes no metric events: it is observed in its own records ({@link DemoSendEngagement}).
 * {@value #DRIFTING}'s pipeline reports the spend and clicks it loaded next to the ad platform's control
 * totals, reconciled over one-minute periods; its loaded spend drifts away from the platform's, by
 * {@value #DRIFT_START_PERCENT} % at start and {@value #DRIFT_PER_MINUTE_PERCENT} % more every minute (an
 * {@code accuracy.spend_micros} BREACH once the first period more than its 1 % tolerance off closes).
 */
final class DemoMetricsScenario {
    static final String SILENT = "social.post-reach";
    static final String DIPPING = "content.engagement-metrics";
    static final String DRIFTING = "paid-media.campaign-performance";
    static final double DRIFT_START_PERCENT = 0.5;
    static final double DRIFT_PER_MINUTE_PERCENT = 1.0;
    /** What a click costs on the demo's ad platform, in micros of the currency. */
    private static final long MICROS_PER_CLICK = 420_000;
    private static final Duration SILENT_FROM = Duration.ofMinutes(1);
    private static final Duration SILENT_UNTIL = Duration.ofMinutes(3);
    private static final Duration DIP_FROM = Duration.ofMinutes(1);
    private static final Duration DIP_UNTIL = Duration.ofMinutes(2);

    private final Instant started;
    private final RandomGenerator random;
    private final AdPlatform platform = new AdPlatform();

    /** The ad platform's totals of {@value #DRIFTING}'s current one-minute period, to date. */
    private static final class AdPlatform {
        private static final long PERIOD_MS = Duration.ofMinutes(1).toMillis();
        private long periodStart = Long.MIN_VALUE;
        private double spend;
        private double clicks;

        Map<String, Double> reported(Instant now, double runSpend, long runClicks) {
            long period = Math.floorDiv(now.toEpochMilli(), PERIOD_MS) * PERIOD_MS;
            if (period != periodStart) {
                periodStart = period;
                spend = 0;
                clicks = 0;
            }
            spend += runSpend;
            clicks += runClicks;
            return Map.of("spend_micros", spend, "clicks", clicks);
        }
    }

    DemoMetricsScenario(Instant started, RandomGenerator random) {
        this.started = started;
        this.random = random;
    }

    /** The demo products with the guarantees the scenario needs to show its breaches quickly. */
    static List<DataProductContract> tune(List<DataProductContract> products) {
        return products.stream().map(product -> switch (product.getId()) {
            case SILENT -> withGuarantees(product, Duration.ofSeconds(20), Duration.ofMinutes(3));
            case DIPPING -> withGuarantees(product, Duration.ofHours(1), Duration.ofMinutes(3));
            case DRIFTING -> withGuarantees(product, Duration.ofHours(1), Duration.ofMinutes(1));
            default -> product;
        }).toList();
    }

    /** The metric this product's pipeline publishes in this round, if it publishes at all. */
    Optional<MetricEvent> metric(DataProductContract product, long run, Instant now) {
        if (product.getId().equals(DemoSendEngagement.PRODUCT)) {
            return Optional.empty();
        }
        Duration elapsed = Duration.between(started, now);
        boolean silent = product.getId().equals(SILENT);
        if (silent && elapsed.compareTo(SILENT_FROM) >= 0 && elapsed.compareTo(SILENT_UNTIL) < 0) {
            return Optional.empty();
        }
        long expected = 1_000 + random.nextInt(500);
        boolean dipping = product.getId().equals(DIPPING) && elapsed.compareTo(DIP_FROM) >= 0 && elapsed.compareTo(DIP_UNTIL) < 0;
        long loaded = dipping ? expected * 8 / 10 : expected - random.nextInt(3);
        MetricEvent.Builder metric = MetricEvent.newBuilder()
                .setProductId(product.getId())
                .setPipelineRunId(product.getId() + "-run-" + run)
                .setSourcePlatform(product.getSourcePlatform())
                .setRecordsLoaded(loaded)
                .setRecordsExpected(expected)
                .setFieldNullCounts(Map.of())
                .setNewestRecordTime(silent ? now : now.minusSeconds(random.nextInt(30)))
                .setEventTime(now);
        if (product.getId().equals(DRIFTING)) {
            // One click a record. A run reports what it loaded; the platform reports the period to date.
            double drift = (DRIFT_START_PERCENT + DRIFT_PER_MINUTE_PERCENT * elapsed.toMillis() / 60_000.0) / 100;
            double spend = (double) loaded * MICROS_PER_CLICK;
            metric.setLoadedTotals(Map.of("spend_micros", Math.rint(spend * (1 - drift)), "clicks", (double) loaded));
            metric.setControlTotals(platform.reported(now, spend, loaded));
        }
        return Optional.of(metric.build());
    }

    private static DataProductContract withGuarantees(DataProductContract product, Duration freshness, Duration window) {
        QualityGuarantees promised = QualityGuarantees.newBuilder(product.getGuarantees())
                .setFreshnessMaxAgeMs(freshness.toMillis()).setWindowMs(window.toMillis()).build();
        return DataProductContract.newBuilder(product).setGuarantees(promised).build();
    }
}
