package io.meshwarden.sla.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.sla.timeliness.LatencyHistogram;
import io.meshwarden.sla.timeliness.TimeMeasure;
import io.meshwarden.streams.state.StateSerde;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The timeliness store's values survive their binary encoding (what the changelog restores). */
class TimelinessStatePropertiesTest {
    private static final long NOW = 1_795_597_200_000L;

    @Property(tries = 200)
    void roundTripsThroughTheStateSerde(@ForAll @Size(max = 60) List<@LongRange(min = -5_000, max = 10_000_000) Long> samples,
                                        @ForAll boolean detectBreached) {
        LatencyHistogram detect = LatencyHistogram.empty();
        LatencyHistogram notify = LatencyHistogram.empty();
        long at = NOW;
        for (long sample : samples) {
            at += Math.abs(sample) % 600_000;
            detect = detect.record(sample, at);
            notify = notify.record(sample / 2, at);
        }
        TimelinessState state = new TimelinessState("paid-media", detect, notify,
                detectBreached ? Set.of(TimeMeasure.DETECT) : Set.of());
        StateSerde<TimelinessState> serde = SlaStateCodecs.timeliness();

        TimelinessState read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));

        assertThat(read).isEqualTo(state);
    }
}
