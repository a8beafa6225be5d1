package io.meshwarden.quality.rolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.quality.completeness.Counts;
import io.meshwarden.quality.completeness.WindowState;
import io.meshwarden.quality.freshness.FreshnessState;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class StateSerdePropertiesTest {

    @Property(tries = 200)
    void windowStatesSurviveTheChangelog(@ForAll long closedEnd, @ForAll long period, @ForAll long metrics,
                                         @ForAll long received, @ForAll long expected,
                                         @ForAll @Size(max = 5) Map<@AlphaChars @Size(min = 1, max = 12) String, Long> nulls,
                                         @ForAll @Size(max = 3) Set<@AlphaChars @Size(min = 1, max = 20) String> breached) {
        WindowState state = new WindowState(closedEnd, period, new Counts(metrics, received, expected, nulls), breached);
        StateSerde<WindowState> serde = StateSerde.windows();

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", state))).isEqualTo(state);
    }

    @Property(tries = 200)
    void freshnessStatesSurviveTheChangelog(@ForAll Long newest, @ForAll long registeredAt, @ForAll long maxAge,
                                            @ForAll boolean breached) {
        FreshnessState state = new FreshnessState(newest, registeredAt, maxAge, breached);
        StateSerde<FreshnessState> serde = StateSerde.freshness();

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", state))).isEqualTo(state);
    }

    @Test
    void refusesAnUnknownFormatVersionNamingTheType() {
        byte[] bytes = StateSerde.counts().serializer().serialize("t", Counts.ZERO);
        bytes[0] = 9;

        assertThatThrownBy(() -> StateSerde.counts().deserializer().deserialize("t", bytes))
                .hasMessageContaining("Counts").hasRootCauseMessage("unknown state format version 9");
    }
}
