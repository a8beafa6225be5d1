package io.meshwarden.quality.rolling;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.schemas.Samples;
import java.time.Instant;
import java.util.Map;

/** Contracts with chosen guarantees and metric events, for the rolling quality tests. */
public final class QualityFixtures {
    private QualityFixtures() {
    }

    /** {@link Samples#contract} promising this freshness, completeness and completeness period. */
    public static DataProductContract contract(String productId, long freshnessMs, double completenessPercent, long windowMs) {
        return DataProductContract.newBuilder(Samples.contract(productId))
                .setGuarantees(QualityGuarantees.newBuilder().setFreshnessMaxAgeMs(freshnessMs)
                        .setCompletenessPercent(completenessPercent).setAvailabilityPercent(null)
                        .setAccuracyTolerancePercent(null).setWindowMs(windowMs).build())
                .build();
    }

    public static MetricEvent metric(String productId, long loaded, long expected, Instant eventTime) {
        return metric(productId, loaded, expected, eventTime, Map.of());
    }

    public static MetricEvent metric(String productId, long loaded, long expected, Instant eventTime, Map<String, Long> nulls) {
        return MetricEvent.newBuilder().setProductId(productId).setPipelineRunId("run-" + eventTime.toEpochMilli())
                .setSourcePlatform("google-ads").setRecordsLoaded(loaded).setRecordsExpected(expected)
                .setFieldNullCounts(nulls).setNewestRecordTime(eventTime).setEventTime(eventTime).build();
    }
}
