package io.meshwarden.sla.streams;

import io.meshwarden.avro.AnomalyBand;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.schemas.SnapshotBands;

/**
 * One point of a product's quality history: at a moment (a 24-hour point) or over an hour (a rollup
 * of {@code samples} snapshots), its completeness against the target, the age of its newest record
 * against the freshness deadline, the records received and expected in its window, and the volume
 * detector's band of its last judged period ({@code volume}, null when the snapshot had none). Absent
 * values are null. A rollup keeps the mean and the lowest completeness, the greatest age, the mean
 * volumes, and the latest target, deadline and band.
 */
public record QualityPoint(long at, int samples, Double completeness, Double completenessMin, Double target,
                           Long freshnessAgeMs, Long freshnessDeadlineMs, double received, double expected, Band volume) {
    /** The snapshot's metric whose band a point keeps. */
    public static final String VOLUME = "volume";

    /**
     * What the volume detector expected of the records of one period (the product's completeness
     * window, tumbling) and what it saw, with its verdict ({@code warming-up}, {@code normal},
     * {@code anomalous}, {@code maintenance}); kept to {@link #MAX_STATE_CHARS} characters, as a
     * snapshot's state is anyone's string.
     */
    public record Band(double observed, double expected, double low, double high, long periodEnd, String state) {
        public static final int MAX_STATE_CHARS = 64;
        public static final String ANOMALOUS = "anomalous";

        public Band {
            state = state == null ? "" : state.length() > MAX_STATE_CHARS ? state.substring(0, MAX_STATE_CHARS) : state;
        }

        static Band of(AnomalyBand band) {
            return band == null ? null : new Band(band.getObserved(), band.getExpected(), band.getLow(), band.getHigh(),
                    band.getPeriodEnd().toEpochMilli(), band.getState());
        }

        public boolean anomalous() {
            return ANOMALOUS.equals(state);
        }
    }

    /**
     * The snapshot as a point, with the freshness deadline of the product's contract (none when unknown);
     * its volume band from the snapshot's bands, which the caller attached ({@link SnapshotBands}).
     */
    public static QualityPoint of(QualitySnapshot snapshot, DataProductContract contract) {
        long at = snapshot.getComputedAt().toEpochMilli();
        Long age = snapshot.getNewestRecordTime() == null ? null
                : Math.max(0, at - snapshot.getNewestRecordTime().toEpochMilli());
        Long deadline = contract == null || contract.getGuarantees() == null ? null
                : contract.getGuarantees().getFreshnessMaxAgeMs();
        Band volume = snapshot.getAnomalyBands() == null ? null : Band.of(snapshot.getAnomalyBands().get(VOLUME));
        return new QualityPoint(at, 1, snapshot.getCompleteness(), snapshot.getCompleteness(),
                snapshot.getCompletenessTarget(), age, deadline, snapshot.getRecordsReceived(), snapshot.getRecordsExpected(),
                volume);
    }

    /** This point moved to another time (the start of its hour). */
    public QualityPoint at(long time) {
        return new QualityPoint(time, samples, completeness, completenessMin, target, freshnessAgeMs, freshnessDeadlineMs,
                received, expected, volume);
    }

    /** The rollup of this point and a later one. */
    public QualityPoint plus(QualityPoint later) {
        int total = samples + later.samples;
        return new QualityPoint(at, total, mean(completeness, samples, later.completeness, later.samples),
                min(completenessMin, later.completenessMin), later.target != null ? later.target : target,
                max(freshnessAgeMs, later.freshnessAgeMs),
                later.freshnessDeadlineMs != null ? later.freshnessDeadlineMs : freshnessDeadlineMs,
                (received * samples + later.received * later.samples) / total,
                (expected * samples + later.expected * later.samples) / total, latest(volume, later.volume));
    }

    /** The band of the later period; the later point's on a tie, the one there is when one is absent. */
    private static Band latest(Band a, Band b) {
        return a == null ? b : b == null ? a : a.periodEnd() > b.periodEnd() ? a : b;
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
