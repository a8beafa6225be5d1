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
 */
final class DemoMetricsScenario {
    static final String SILENT = "social.post-reach";
    static final String DIPPING = "content.engagement-metrics";
    private static final Duration SILENT_FROM = Duration.ofMinutes(1);
    private static final Duration SILENT_UNTIL = Duration.ofMinutes(3);
    private static final Duration DIP_FROM = Duration.ofMinutes(1);
    private static final Duration DIP_UNTIL = Duration.ofMinutes(2);

    private final Instant started;
    private final RandomGenerator random;

    DemoMetricsScenario(Instant started, RandomGenerator random) {
        this.started = started;
        this.random = random;
    }

    /** The demo products with the guarantees the scenario needs to show its breaches quickly. */
    static List<DataProductContract> tune(List<DataProductContract> products) {
        return products.stream().map(product -> switch (product.getId()) {
            case SILENT -> withGuarantees(product, Duration.ofSeconds(20), Duration.ofMinutes(3));
            case DIPPING -> withGuarantees(product, Duration.ofHours(1), Duration.ofMinutes(3));
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
        return Optional.of(MetricEvent.newBuilder()
                .setProductId(product.getId())
                .setPipelineRunId(product.getId() + "-run-" + run)
                .setSourcePlatform(product.getSourcePlatform())
                .setRecordsLoaded(loaded)
                .setRecordsExpected(expected)
                .setFieldNullCounts(Map.of())
                .setNewestRecordTime(silent ? now : now.minusSeconds(random.nextInt(30)))
                .setEventTime(now)
                .build());
    }

    private static DataProductContract withGuarantees(DataProductContract product, Duration freshness, Duration window) {
        QualityGuarantees promised = QualityGuarantees.newBuilder(product.getGuarantees())
                .setFreshnessMaxAgeMs(freshness.toMillis()).setWindowMs(window.toMillis()).build();
        return DataProductContract.newBuilder(product).setGuarantees(promised).build();
    }
}
