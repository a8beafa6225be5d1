package io.meshwarden.local;

import io.meshwarden.avro.MetricEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The demo's volume anomaly: {@value #PRODUCT}'s pipeline brings the history it would have in production,
 * eight days of hourly loads (one metric event per hour, at the volume its live schedule loads in an hour),
 * so that its anomaly detector is past warm-up when the demo starts; the last full hour before start loaded
 * only {@value #DROP_PERCENT} % of that, an unusual drop for that hour. Published at registration, the
 * drop's period closes at once: an {@code anomaly.volume} BREACH within seconds of start, and its RECOVERY
 * at the next hour boundary, once the live loads have filled the hour.
 */
final class DemoVolumeAnomaly {
    static final String PRODUCT = "marketing-ops.lead-routing";
    static final int DROP_PERCENT = 30;
    private static final Duration HISTORY = Duration.ofDays(8);
    /** What a live round loads on average ({@link DemoMetricsScenario}: 1,000 to 1,499 of which nearly all). */
    private static final long RECORDS_PER_ROUND = 1_249;

    private DemoVolumeAnomaly() {
    }

    /**
     * The history's metric events, oldest first, for live rounds every {@code interval} from {@code now}: every
     * hour of the last eight days, then the part of the current hour already gone.
     */
    static List<MetricEvent> history(Instant now, Duration interval, RandomGenerator random) {
        long perHour = Duration.ofHours(1).toMillis() / Math.max(1, interval.toMillis()) * RECORDS_PER_ROUND;
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        List<MetricEvent> events = new ArrayList<>();
        for (Instant hour = currentHour.minus(HISTORY); hour.isBefore(currentHour); hour = hour.plus(Duration.ofHours(1))) {
            boolean dropped = hour.equals(currentHour.minus(Duration.ofHours(1)));
            long loaded = Math.round(perHour * (1 + 0.02 * random.nextGaussian())) * (dropped ? DROP_PERCENT : 100) / 100;
            events.add(load(hour.plus(Duration.ofMinutes(59)), loaded, "history-" + hour.toEpochMilli()));
        }
        long elapsed = Duration.between(currentHour, now).toMillis();
        long soFar = perHour * elapsed / Duration.ofHours(1).toMillis();
        if (soFar > 0) {
            events.add(load(now.minusMillis(1), soFar, "history-" + currentHour.toEpochMilli()));
        }
        return events;
    }

    private static MetricEvent load(Instant at, long loaded, String run) {
        return MetricEvent.newBuilder().setProductId(PRODUCT).setPipelineRunId(PRODUCT + "-" + run)
                .setSourcePlatform("salesforce").setRecordsLoaded(loaded).setRecordsExpected(loaded)
                .setFieldNullCounts(Map.of()).setNewestRecordTime(at).setEventTime(at).build();
    }
}
