package io.meshwarden.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.WithNull;
import org.junit.jupiter.api.Test;

class StateSerdeTest {
    /** A state value with each kind of field {@link StateFields} encodes. */
    record Sample(String name, Long since, List<String> tags, List<Long> times) {
    }

    private static final StateCodec<Sample> CODEC = new StateCodec<>() {
        @Override
        public void write(DataOutput out, Sample value) throws IOException {
            StateFields.writeOptionalString(out, value.name());
            StateFields.writeOptionalLong(out, value.since());
            StateFields.writeStrings(out, value.tags());
            StateFields.writeLongs(out, value.times());
        }

        @Override
        public Sample read(DataInput in) throws IOException {
            return new Sample(StateFields.readOptionalString(in), StateFields.readOptionalLong(in), StateFields.readStrings(in),
                    StateFields.readLongs(in));
        }
    };

    private final StateSerde<Sample> serde = StateSerde.of(Sample.class, CODEC);

    @Property(tries = 200)
    void everyValueSurvivesTheChangelog(@ForAll @StringLength(max = 30) String name, @ForAll @WithNull Long since,
                                        @ForAll @Size(max = 5) List<@StringLength(max = 10) String> tags,
                                        @ForAll @Size(max = 5) List<Long> times, @ForAll boolean named) {
        Sample sample = new Sample(named ? name : null, since, tags, times);

        assertThat(roundTrip(serde, sample)).isEqualTo(sample);
        assertThat(roundTrip(serde.readingLegacyJson(), sample)).isEqualTo(sample);
    }

    @Test
    void writesAFormatVersionByteFirst() {
        assertThat(serde.serializer().serialize("t", new Sample("a", null, List.of(), List.of()))[0]).isEqualTo((byte) 1);
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void readsTheJsonAValueWasWrittenAsBeforeIgnoringUnknownFields() {
        byte[] legacy = "{\"name\":\"a\",\"since\":null,\"tags\":[\"x\"],\"times\":[1,2],\"addedLater\":true}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(serde.readingLegacyJson().deserializer().deserialize("t", legacy))
                .isEqualTo(new Sample("a", null, List.of("x"), List.of(1L, 2L)));
    }

    @Test
    void withoutTheLegacyReaderJsonIsAnUnknownFormat() {
        byte[] legacy = "{\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", legacy)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Sample").hasRootCauseMessage("unknown state format version 123");
    }

    @Test
    void refusesAnImplausibleCollectionSizeRatherThanAllocatingIt() {
        byte[] bytes = serde.serializer().serialize("t", new Sample(null, null, List.of(), List.of()));
        bytes[bytes.length - 8] = 0x7f; // the high byte of the first list's size

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes)).hasRootCauseMessage(
                "implausible collection size 2130706432");
    }

    private static Sample roundTrip(StateSerde<Sample> serde, Sample sample) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", sample));
    }
}
