package io.meshwarden.quality.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.governance.anomaly.AnomalySettings;
import io.meshwarden.quality.anomaly.Judgement.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class WatchedCodecTest {
    private static final long START = 1_767_571_200_000L; // Monday 5 January 2026, UTC
    private static final String CHANGELOG = "quality-anomaly-store-changelog";

    @Test
    void aSteadyMetricIsWrittenWithoutTheProfileItNeverUses() {
        Watched gap = judged(MetricKind.ARRIVAL_GAP, 300_000);
        Watched volume = judged(MetricKind.VOLUME, 1_000);

        byte[] gapBytes = write(gap);
        assertThat(gapBytes.length).isLessThan(100);
        assertThat(write(volume).length).isGreaterThan(gapBytes.length + 300);
        assertThat(read(gapBytes)).isEqualTo(gap);
        assertThat(read(write(volume))).isEqualTo(volume);
    }

    @Test
    void aValueTheFirstLayoutWroteIsStillRead() throws IOException {
        Watched volume = judged(MetricKind.VOLUME, 1_000);

        assertThat(read(firstLayout(volume))).isEqualTo(volume);
        assertThat(read(firstLayout(judged(MetricKind.NULL_RATE, 0.01)))).isEqualTo(judged(MetricKind.NULL_RATE, 0.01));
    }

    /** Thirty hourly steps of {@code value}, the state the store keeps after them. */
    private static Watched judged(MetricKind kind, double value) {
        AnomalyDetector detector = new AnomalyDetector();
        Baseline state = Baseline.empty();
        Judgement last = null;
        for (int step = 0; step < 30; step++) {
            last = detector.judge(state, kind, AnomalySettings.DEFAULTS, START + step * 3_600_000L, value * (1 + step % 3 * 0.01),
                    1_000);
            state = last.next();
        }
        assertThat(last.verdict()).isNotEqualTo(Verdict.ANOMALOUS);
        return Watched.of(last, START + 30 * 3_600_000L);
    }

    /** Version 1's layout, as Meshwarden wrote it before version 2: the profile always there. */
    private static byte[] firstLayout(Watched watched) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Baseline b = watched.baseline();
            out.writeByte(1);
            out.writeLong(b.learned());
            out.writeLong(b.firstLearned());
            out.writeDouble(b.level());
            for (double factor : b.hourly()) {
                out.writeDouble(factor);
            }
            for (int seen : b.hourlySeen()) {
                out.writeInt(seen);
            }
            for (double factor : b.weekly()) {
                out.writeDouble(factor);
            }
            for (int seen : b.weeklySeen()) {
                out.writeInt(seen);
            }
            out.writeDouble(b.variance());
            out.writeDouble(b.cusum());
            out.writeInt(b.anomalousRun());
            out.writeBoolean(b.sustained());
            out.writeByte(watched.verdict().ordinal());
            out.writeDouble(watched.observed());
            out.writeDouble(watched.expected());
            out.writeDouble(watched.low());
            out.writeDouble(watched.high());
            out.writeLong(watched.at());
        }
        return bytes.toByteArray();
    }

    private static byte[] write(Watched watched) {
        return WatchedCodec.SERDE.serializer().serialize(CHANGELOG, watched);
    }

    private static Watched read(byte[] bytes) {
        return WatchedCodec.SERDE.deserializer().deserialize(CHANGELOG, bytes);
    }
}
