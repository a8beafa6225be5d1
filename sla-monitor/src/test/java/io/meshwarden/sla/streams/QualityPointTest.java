package io.meshwarden.sla.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.AnomalyBand;
import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.SnapshotBands;
import io.meshwarden.streams.state.StateSerde;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A quality point carries the volume detector's band (the snapshot's own or the product's bands attached to it),
 * keeps the latest in a rollup, and reads the bytes stored before it did.
 */
class QualityPointTest {
    private static final Instant AT = Instant.parse("2026-03-02T10:20:00Z");
    private final StateSerde<QualityPoint> serde = StateSerde.of(QualityPoint.class, HistoryStores.QUALITY_POINT);

    @Test
    void carriesTheVolumeBandOfTheSnapshotAndNoOtherMetricsBand() {
        QualitySnapshot snapshot = snapshot(Map.of("volume", band(120, 400, 300, 500, AT, "anomalous"),
                "null-rate.campaign_id", band(0.5, 0.01, 0, 0.02, AT, "anomalous")));

        QualityPoint point = QualityPoint.of(snapshot, Samples.contract("paid-media.campaigns"));

        assertThat(point.volume()).isEqualTo(new QualityPoint.Band(120, 400, 300, 500, AT.toEpochMilli(), "anomalous"));
        assertThat(point.volume().anomalous()).isTrue();
    }

    /** A snapshot as quality-streams writes it now, with no bands, read with the product's bands from their topic. */
    @Test
    void carriesTheVolumeBandOfTheProductsBandsAttachedToASnapshotWithoutBands() {
        AnomalyBands bands = AnomalyBands.newBuilder().setProductId("paid-media.campaigns").setComputedAt(AT)
                .setBands(Map.of("volume", band(980, 1000, 900, 1100, AT, "normal"), "arrival-gap", band(1, 1, 0, 2, AT, "normal")))
                .build();

        QualityPoint point = QualityPoint.of(SnapshotBands.attach(snapshot(Map.of()), bands), null);

        assertThat(point.volume()).isEqualTo(new QualityPoint.Band(980, 1000, 900, 1100, AT.toEpochMilli(), "normal"));
        assertThat(point.volume().anomalous()).isFalse();
    }

    @Test
    void hasNoBandWhenTheSnapshotHasNoVolumeBand() {
        QualitySnapshot snapshot = snapshot(Map.of("arrival-gap", band(1, 1, 0, 2, AT, "normal")));

        assertThat(QualityPoint.of(snapshot, null).volume()).isNull();
        assertThat(QualityPoint.of(snapshot(Map.of()), null).volume()).isNull();
    }

    @Test
    void aRollupKeepsTheBandOfTheLatestPeriod() {
        QualityPoint.Band first = new QualityPoint.Band(100, 100, 80, 120, 1_000, "normal");
        QualityPoint.Band second = new QualityPoint.Band(10, 100, 80, 120, 2_000, "anomalous");
        QualityPoint earlier = point(0, first);
        QualityPoint later = point(1, second);

        assertThat(earlier.plus(later).volume()).isEqualTo(second);
        assertThat(later.plus(earlier).volume()).as("a later period wins over a later snapshot of an earlier one").isEqualTo(second);
        assertThat(earlier.plus(point(1, null)).volume()).as("a snapshot without a band keeps the band there is").isEqualTo(first);
        assertThat(point(0, null).plus(later).volume()).isEqualTo(second);
        assertThat(earlier.plus(later).at(0).volume()).isEqualTo(second);
    }

    @Test
    void aStateLongerThanItsLimitIsCutSoThatItCanBeStored() {
        QualityPoint.Band band = new QualityPoint.Band(1, 1, 0, 2, 3, "x".repeat(100_000));

        assertThat(band.state()).hasSize(QualityPoint.Band.MAX_STATE_CHARS);
        assertThat(roundTrip(point(0, band)).volume()).isEqualTo(band);
    }

    @Test
    void pointsWithAndWithoutABandSurviveTheChangelog() {
        QualityPoint banded = point(5, new QualityPoint.Band(120, 400.5, 300, 500, AT.toEpochMilli(), "warming-up"));
        QualityPoint plain = point(6, null);

        assertThat(roundTrip(banded)).isEqualTo(banded);
        assertThat(roundTrip(plain)).isEqualTo(plain);
        assertThat(serde.serializer().serialize("t", banded)[0]).as("format version").isEqualTo((byte) 2);
    }

    /** The bytes already in deployments' changelogs: format version 1, written before points had a band, read with none. */
    @Test
    void readsAPointStoredInFormatVersionOneWithNoBand() {
        String v1 = "01" + "0000000000000001" + "00000002"
                + "3fe0000000000000" + "3fd0000000000000" + "7ff8000000000000"
                + "01" + "000000000000ea60" + "00" + "0000000000000000"
                + "4024000000000000" + "4034000000000000";

        QualityPoint read = serde.deserializer().deserialize("t", HexFormat.of().parseHex(v1));

        assertThat(read).isEqualTo(new QualityPoint(1, 2, 0.5, 0.25, null, 60_000L, null, 10, 20, null));
        assertThat(HexFormat.of().formatHex(serde.serializer().serialize("t", read))).isEqualTo("02" + v1.substring(2) + "00");
    }

    private QualityPoint roundTrip(QualityPoint point) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", point));
    }

    private static QualityPoint point(long at, QualityPoint.Band band) {
        return new QualityPoint(at, 1, 1.0, 1.0, 0.995, 1_000L, 3_600_000L, 900, 1000, band);
    }

    static AnomalyBand band(double observed, double expected, double low, double high, Instant periodEnd, String state) {
        return AnomalyBand.newBuilder().setObserved(observed).setExpected(expected).setLow(low).setHigh(high)
                .setPeriodEnd(periodEnd).setState(state).build();
    }

    private static QualitySnapshot snapshot(Map<String, AnomalyBand> bands) {
        return QualitySnapshot.newBuilder(HistoryTopologyTest.snapshot(AT, 1.0, AT)).setAnomalyBands(bands).build();
    }
}
