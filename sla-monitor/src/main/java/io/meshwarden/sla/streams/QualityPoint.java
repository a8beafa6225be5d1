package io.meshwarden.sla.streams;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualitySnapshot;

/**
 * One point of a product's quality history: at a moment (a 24-hour point) or over an hour (a rollup
 * of {@code samples} snapshots), its completeness against the target, the age of its newest record
 * against the freshness deadline, and the records received and expected in its window. Absent values
 * are null. A rollup keeps the mean and the lowest completeness, the greatest age, the mean volumes,
 * and the latest target and deadline.
 */
public record QualityPoint(long at, int samples, Double completeness, Double completenessMin, Double target,
                           Long freshnessAgeMs, Long freshnessDeadlineMs, double received, double expected) {

    /** The snapshot as a point, with the freshness deadline of the product's contract (none when unknown). */
    public static QualityPoint of(QualitySnapshot snapshot, DataProductContract contract) {
        long at = snapshot.getComputedAt().toEpochMilli();
        Long age = snapshot.getNewestRecordTime() == null ? null
                : Math.max(0, at - snapshot.getNewestRecordTime().toEpochMilli());
        Long deadline = contract == null || contract.getGuarantees() == null ? null
                : contract.getGuarantees().getFreshnessMaxAgeMs();
        return new QualityPoint(at, 1, snapshot.getCompleteness(), snapshot.getCompleteness(),
                snapshot.getCompletenessTarget(), age, deadline, snapshot.getRecordsReceived(), snapshot.getRecordsExpected());
    }

    /** This point moved to another time (the start of its hour). */
    public QualityPoint at(long time) {
        return new QualityPoint(time, samples, completeness, completenessMin, target, freshnessAgeMs, freshnessDeadlineMs,
                received, expected);
    }

    /** The rollup of this point and a later one. */
    public QualityPoint plus(QualityPoint later) {
        int total = samples + later.samples;
        return new QualityPoint(at, total, mean(completeness, samples, later.completeness, later.samples),
                min(completenessMin, later.completenessMin), later.target != null ? later.target : target,
                max(freshnessAgeMs, later.freshnessAgeMs),
                later.freshnessDeadlineMs != null ? later.freshnessDeadlineMs : freshnessDeadlineMs,
                (received * samples + later.received * later.samples) / total,
                (expected * samples + later.expected * later.samples) / total);
    }

    private static Double mean(Double a, int aSamples, Double b, int bSamples) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return (a * aSamples + b * bSamples) / (aSamples + bSamples);
    }

    private static Double min(Double a, Double b) {
        return a == null ? b : b == null ? a : Math.min(a, b);
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Math.max(a, b);
    }
}
