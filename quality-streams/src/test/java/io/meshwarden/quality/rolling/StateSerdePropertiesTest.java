package io.meshwarden.quality.rolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.quality.completeness.Counts;
import io.meshwarden.quality.completeness.WindowState;
import io.meshwarden.quality.freshness.FreshnessState;
import io.meshwarden.streams.state.StateSerde;
import java.util.HexFormat;
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
        StateSerde<WindowState> serde = StateCodecs.windows();

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", state))).isEqualTo(state);
    }

    @Property(tries = 200)
    void freshnessStatesSurviveTheChangelog(@ForAll Long newest, @ForAll long registeredAt, @ForAll long maxAge,
                                            @ForAll boolean breached) {
        FreshnessState state = new FreshnessState(newest, registeredAt, maxAge, breached);
        StateSerde<FreshnessState> serde = StateCodecs.freshness();

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", state))).isEqualTo(state);
    }

    @Property(tries = 200)
    void qualityRuleCountsSurviveTheChangelog(@ForAll @Size(max = 3) Map<@AlphaChars @Size(min = 1, max = 12) String, Long> missing,
                                              @ForAll @Size(max = 3) Map<@AlphaChars @Size(min = 1, max = 12) String, Long> invalid,
                                              @ForAll @Size(max = 3) Map<@AlphaChars @Size(min = 1, max = 12) String, Long> duplicates) {
        Counts counts = new Counts(1, 2, 3, Map.of("a", 1L), missing, invalid, duplicates, duplicates, Map.of("spend", 2.5));
        StateSerde<Counts> serde = StateCodecs.counts();

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", counts))).isEqualTo(counts);
    }

    /**
     * The bytes already in deployments' changelogs: format version 1, as the serde wrote them before
     * it moved to streams-support, still read; version 2 adds the quality rules' counts after the nulls, version 3
     * the measures' loaded totals after those, version 4 the source's latest control totals.
     */
    @Test
    void readsFormatVersionsOneToThreeAndWritesVersionFourByteForByte() {
        WindowState window = new WindowState(1, 2, new Counts(3, 4, 5, Map.of("a", 6L)), Set.of("r"));
        String header = "0000000000000001" + "0000000000000002"
                + "0000000000000003" + "0000000000000004" + "0000000000000005" + "00000001" + "000161" + "0000000000000006";
        String v1 = "01" + header + "00000001" + "000172";
        String v2 = "02" + header + "00000000" + "00000000" + "00000000" + "00000001" + "000172";
        String v3 = "03" + header + "00000000" + "00000000" + "00000000" + "00000000" + "00000001" + "000172";
        String v4 = "04" + header + "00000000" + "00000000" + "00000000" + "00000000" + "00000000" + "00000001" + "000172";
        FreshnessState fed = new FreshnessState(5L, 7, 9, true);
        FreshnessState unfed = new FreshnessState(null, 7, 9, false);

        assertThat(StateCodecs.windows().deserializer().deserialize("t", HexFormat.of().parseHex(v1))).isEqualTo(window);
        assertThat(StateCodecs.windows().deserializer().deserialize("t", HexFormat.of().parseHex(v2))).isEqualTo(window);
        assertThat(StateCodecs.windows().deserializer().deserialize("t", HexFormat.of().parseHex(v3))).isEqualTo(window);
        assertThat(HexFormat.of().formatHex(StateCodecs.windows().serializer().serialize("t", window))).isEqualTo(v4);
        assertThat(StateCodecs.windows().deserializer().deserialize("t", HexFormat.of().parseHex(v4))).isEqualTo(window);
        assertThat(HexFormat.of().formatHex(StateCodecs.freshness().serializer().serialize("t", fed)))
                .isEqualTo("010100000000000000050000000000000007000000000000000901");
        assertThat(HexFormat.of().formatHex(StateCodecs.freshness().serializer().serialize("t", unfed)))
                .isEqualTo("010000000000000000000000000000000007000000000000000900");
    }

    @Test
    void refusesAnUnknownFormatVersionNamingTheType() {
        byte[] bytes = StateCodecs.counts().serializer().serialize("t", Counts.ZERO);
        bytes[0] = 9;

        assertThatThrownBy(() -> StateCodecs.counts().deserializer().deserialize("t", bytes))
                .hasMessageContaining("Counts").hasRootCauseMessage("unknown state format version 9");
    }
}
