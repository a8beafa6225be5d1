package io.meshwarden.quality.rolling;

import static io.meshwarden.schemas.validation.FieldChecks.MAX_ID_LENGTH;
import static io.meshwarden.schemas.validation.FieldChecks.MAX_NAME_LENGTH;
import static io.meshwarden.schemas.validation.FieldChecks.MAX_TEXT_LENGTH;

import io.meshwarden.avro.MetricEvent;
import io.meshwarden.quality.observed.UndecodableShare;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.validation.FieldChecks;
import io.meshwarden.schemas.validation.InvalidEvent;
import io.meshwarden.streams.EventCheck;
import java.util.Map;
import java.util.Optional;

/**
 * The semantic rules of a metric event, checked by the decode step: records loaded, expected and
 * every per-field count at least zero; a per-field count (nulls, missing, invalid, duplicates) and
 * the duplicate records at most the records loaded; {@code newestRecordTime} not further ahead of
 * the wall clock than the allowed skew (else the product would look fresh until then); ids and
 * texts within bounds; loaded and control totals finite and bounded, their control period begun by the
 * event's time. The event time's own clock rule needs the product, so the rolling-quality processor applies it ({@code future-event-time}, with a violation for the product).
 */
final class MetricChecks implements EventCheck<MetricEvent> {
    private final QualityOptions options;

    MetricChecks(QualityOptions options) {
        this.options = options;
    }

    @Override
    public Optional<InvalidEvent> check(MetricEvent metric, long wallClockMs) {
        long loaded = metric.getRecordsLoaded();
        // Observed mode counts its records under reserved keys; a metric sending them would open observed.undecodable.
        String reserved = metric.getFieldInvalidCounts().keySet().stream()
                .filter(key -> key.startsWith(UndecodableShare.RESERVED_PREFIX)).sorted().findFirst().orElse(null);
        FieldChecks checks = FieldChecks.of()
                .text("productId", metric.getProductId(), 1, MAX_ID_LENGTH)
                .text("pipelineRunId", metric.getPipelineRunId(), 0, MAX_NAME_LENGTH)
                .text("sourcePlatform", metric.getSourcePlatform(), 0, MAX_NAME_LENGTH)
                .count("recordsLoaded", loaded)
                .count("recordsExpected", metric.getRecordsExpected())
                .count("duplicateRecords", metric.getDuplicateRecords())
                .check(metric.getDuplicateRecords() <= Math.max(0, loaded), DeadLetterReason.COUNT_ABOVE_LOADED,
                        "duplicateRecords", () -> "counts " + metric.getDuplicateRecords() + " of " + loaded
                                + " records loaded; it cannot count more")
                .entries("fieldNullCounts", metric.getFieldNullCounts().keySet(), FieldChecks.MAX_ENTRIES)
                .entries("fieldMissingCounts", metric.getFieldMissingCounts().keySet(), FieldChecks.MAX_ENTRIES)
                .entries("fieldInvalidCounts", metric.getFieldInvalidCounts().keySet(), FieldChecks.MAX_ENTRIES)
                .entries("fieldDuplicateCounts", metric.getFieldDuplicateCounts().keySet(), FieldChecks.MAX_ENTRIES)
                .entries("observedValues", metric.getObservedValues().keySet(), FieldChecks.MAX_ENTRIES)
                .counts("fieldNullCounts", metric.getFieldNullCounts(), loaded)
                .counts("fieldMissingCounts", metric.getFieldMissingCounts(), loaded)
                .counts("fieldInvalidCounts", metric.getFieldInvalidCounts(), loaded)
                .check(reserved == null, DeadLetterReason.SCHEMA_MISMATCH, "fieldInvalidCounts[" + reserved + "]",
                        () -> "the key '" + reserved + "' is reserved: keys starting with '" + UndecodableShare.RESERVED_PREFIX
                                + "' carry observed mode's own counts (observed.undecodable); name a field or a quality rule's path")
                .counts("fieldDuplicateCounts", metric.getFieldDuplicateCounts(), loaded)
                .entries("loadedTotals", metric.getLoadedTotals().keySet(), FieldChecks.MAX_LIST)
                .entries("controlTotals", metric.getControlTotals().keySet(), FieldChecks.MAX_LIST)
                .totals("loadedTotals", metric.getLoadedTotals())
                .totals("controlTotals", metric.getControlTotals())
                .check(metric.getControlPeriodStart() == null || !metric.getControlPeriodStart().isAfter(metric.getEventTime()),
                        DeadLetterReason.FUTURE_EVENT_TIME, "controlPeriodStart", () -> metric.getControlPeriodStart()
                                + " is after the metric's eventTime " + metric.getEventTime()
                                + "; control totals are reported for a period that has begun")
                .notAfter("newestRecordTime", metric.getNewestRecordTime(), options.latestEventTime(wallClockMs),
                        DeadLetterReason.FUTURE_RECORD_TIME, options.maxClockSkewMs());
        for (Map.Entry<String, String> value : metric.getObservedValues().entrySet()) {
            checks.text("observedValues key", value.getKey(), 1, MAX_NAME_LENGTH)
                    .text("observedValues[" + value.getKey() + "]", value.getValue(), 0, MAX_TEXT_LENGTH);
        }
        return checks.result();
    }
}
