package io.meshwarden.schemas;

import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.QualitySnapshot;

/**
 * A quality snapshot with its product's anomaly bands, the one rule of every reader that joins them (the SLA
 * monitor, lineage). quality-streams writes snapshots with no bands and writes each product's bands, when a
 * judgement changes one, to {@link Topics#ANOMALY_BANDS}; snapshots of earlier releases carry their own. So a
 * snapshot's own non-empty bands win, and an empty one takes the product's latest bands.
 *
 * <p>Reads both records; writes neither (the snapshot with bands is a copy).
 */
public final class SnapshotBands {
    private SnapshotBands() {
    }

    /**
     * The snapshot with {@code bands} when it has none of its own; the snapshot itself when it has some,
     * when there are no bands (none yet, or a tombstone), or when there is no snapshot (null).
     */
    public static QualitySnapshot attach(QualitySnapshot snapshot, AnomalyBands bands) {
        if (snapshot == null || bands == null || bands.getBands() == null || bands.getBands().isEmpty()
                || snapshot.getAnomalyBands() != null && !snapshot.getAnomalyBands().isEmpty()) {
            return snapshot;
        }
        return QualitySnapshot.newBuilder(snapshot).setAnomalyBands(bands.getBands()).build();
    }
}
