package io.meshwarden.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.AnomalyBand;
import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.QualitySnapshot;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one rule of a snapshot's bands: its own when it has some (an earlier release's), else the product's latest. */
class SnapshotBandsTest {
    private static final Instant AT = Instant.parse("2026-03-02T10:20:00Z");
    private static final AnomalyBand OWN = band(1000, "normal");
    private static final AnomalyBand LATEST = band(120, "anomalous");

    @Test
    void aSnapshotWithoutBandsTakesTheProductsLatest() {
        QualitySnapshot written = snapshot(Map.of());

        QualitySnapshot read = SnapshotBands.attach(written, bands(Map.of("volume", LATEST, "arrival-gap", OWN)));

        assertThat(read.getAnomalyBands()).containsExactlyInAnyOrderEntriesOf(Map.of("volume", LATEST, "arrival-gap", OWN));
        assertThat(read).usingRecursiveComparison().ignoringFields("anomalyBands").isEqualTo(written);
        assertThat(written.getAnomalyBands()).as("the snapshot read is a copy").isEmpty();
    }

    @Test
    void aSnapshotsOwnBandsWin() {
        QualitySnapshot ofAnEarlierRelease = snapshot(Map.of("volume", OWN));

        assertThat(SnapshotBands.attach(ofAnEarlierRelease, bands(Map.of("volume", LATEST, "arrival-gap", LATEST))))
                .isSameAs(ofAnEarlierRelease);
    }

    @Test
    void withoutBandsOrWithoutASnapshotNothingChanges() {
        QualitySnapshot written = snapshot(Map.of());

        assertThat(SnapshotBands.attach(written, null)).as("none yet, or a tombstone").isSameAs(written);
        assertThat(SnapshotBands.attach(written, bands(Map.of()))).isSameAs(written);
        assertThat(SnapshotBands.attach(null, bands(Map.of("volume", LATEST)))).isNull();
    }

    private static QualitySnapshot snapshot(Map<String, AnomalyBand> bands) {
        return QualitySnapshot.newBuilder().setProductId("paid-media.campaigns").setWindowStart(AT.minusSeconds(3600))
                .setWindowEnd(AT).setRecordsReceived(1000L).setRecordsExpected(1000L).setCompleteness(1.0)
                .setRequiredFieldCompleteness(Map.of()).setNewestRecordTime(AT).setCompletenessTarget(0.995)
                .setQualityRuleValues(Map.of()).setQualityRulesNotEvaluated(Map.of()).setAnomalyBands(bands).setComputedAt(AT).build();
    }

    private static AnomalyBand band(double observed, String state) {
        return AnomalyBand.newBuilder().setObserved(observed).setExpected(1000).setLow(900).setHigh(1100)
                .setPeriodEnd(AT).setState(state).build();
    }

    private static AnomalyBands bands(Map<String, AnomalyBand> bands) {
        return AnomalyBands.newBuilder().setProductId("paid-media.campaigns").setBands(bands).setComputedAt(AT).build();
    }
}
