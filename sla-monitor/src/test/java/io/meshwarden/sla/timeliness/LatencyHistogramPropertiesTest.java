package io.meshwarden.sla.timeliness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The rolling log-bucket histogram: its p99 bounds the exact one within a bucket, and it stays bounded. */
class LatencyHistogramPropertiesTest {
    private static final long NOW = 1_795_597_200_000L;
    private static final double BUCKET_RATIO = Math.pow(2, 0.25);

    @Property(tries = 300)
    void theP99IsNeverBelowTheExactNearestRankAndAtMostOneBucketAbove(
            @ForAll @Size(min = 1, max = 400) List<@LongRange(min = 0, max = 86_400_000) Long> latencies) {
        LatencyHistogram histogram = LatencyHistogram.empty();
        for (long latency : latencies) {
            histogram = histogram.record(latency, NOW);
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        long exact = sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);

        assertThat(histogram.count(NOW)).isEqualTo(latencies.size());
        assertThat(histogram.p99(NOW)).isGreaterThanOrEqualTo(exact)
                .isLessThanOrEqualTo((long) Math.ceil(Math.max(exact, 1) * BUCKET_RATIO));
    }

    @Property(tries = 100)
    void holdsAtMostOneDayOfSlotsEachOfAtMostTheBuckets(
            @ForAll @Size(min = 1, max = 300) List<@LongRange(min = 0, max = 172_800_000) Long> offsets,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long latency) {
        LatencyHistogram histogram = LatencyHistogram.empty();
        long at = NOW;
        for (long offset : offsets) {
            at = Math.max(at, NOW + offset);
            histogram = histogram.record(latency + offset, at);
        }

        assertThat(histogram.slots()).hasSizeLessThanOrEqualTo(LatencyHistogram.MAX_SLOTS);
        assertThat(histogram.slots()).allSatisfy(slot -> assertThat(slot.counts()).hasSizeLessThanOrEqualTo(LatencyHistogram.BUCKETS));
        assertThat(histogram.count(at)).isLessThanOrEqualTo(offsets.size());
    }

    @Property(tries = 50)
    void forgetsEverythingOnceADayHasPassed(@ForAll @Size(min = 1, max = 50) List<@LongRange(min = 0, max = 60_000) Long> latencies) {
        LatencyHistogram histogram = LatencyHistogram.empty();
        for (long latency : latencies) {
            histogram = histogram.record(latency, NOW);
        }
        long dayLater = NOW + LatencyHistogram.WINDOW.toMillis();

        assertThat(histogram.p99(dayLater)).isNull();
        assertThat(histogram.forgetBefore(dayLater).isEmpty()).isTrue();
    }
}
