package io.meshwarden.quality.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.governance.anomaly.AnomalySettings;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The detector's state survives its changelog: judging a sequence with the state kept in memory gives the
 * same state, and the same judgements, as judging it with the state written to the store's changelog bytes
 * and read back before every step (what a restore after a crash does), for any sequence of values
 * (zeros, outliers, long runs) and any step length.
 */
class DetectorChangelogPropertiesTest {
    private static final long START = 1_767_571_200_000L; // Monday 5 January 2026, UTC

    @Property(tries = 100)
    void theStateAfterASequenceEqualsTheStateRebuiltFromItsChangelog(
            @ForAll @Size(min = 1, max = 600) List<@DoubleRange(min = 0, max = 1e6) Double> values,
            @ForAll @IntRange(min = 1, max = 180) int stepMinutes,
            @ForAll MetricKind kind) {
        AnomalyDetector detector = new AnomalyDetector();
        Watched inMemory = null;
        Watched restored = null;
        for (int i = 0; i < values.size(); i++) {
            long at = START + i * stepMinutes * 60_000L;
            double value = kind == MetricKind.NULL_RATE ? values.get(i) / 1e6 : values.get(i);
            Judgement kept = detector.judge(inMemory == null ? Baseline.empty() : inMemory.baseline(), kind,
                    AnomalySettings.DEFAULTS, at, value, 1_000);
            Judgement replayed = detector.judge(restored == null ? Baseline.empty() : restored.baseline(), kind,
                    AnomalySettings.DEFAULTS, at, value, 1_000);
            assertThat(replayed).isEqualTo(kept);
            inMemory = Watched.of(kept, at);
            restored = roundTrip(Watched.of(replayed, at));
        }
        assertThat(restored).isEqualTo(inMemory);
    }

    private static Watched roundTrip(Watched watched) {
        byte[] bytes = WatchedCodec.SERDE.serializer().serialize("quality-anomaly-store-changelog", watched);
        return WatchedCodec.SERDE.deserializer().deserialize("quality-anomaly-store-changelog", bytes);
    }
}
