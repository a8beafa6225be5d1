package io.meshwarden.sla.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.sla.alerts.AlertTrack;
import io.meshwarden.sla.budget.Downtime;
import io.meshwarden.streams.state.StateSerde;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every value of the SLA monitor's own stores survives its changelog, and the JSON values that
 * version 0.1.0 wrote there still restore.
 */
class SlaStatePropertiesTest {
    private final StateSerde<AlertTrack> tracks = SlaStateCodecs.alertTracks();
    private final StateSerde<AvailabilityState> availability = SlaStateCodecs.availability();

    @Property(tries = 300)
    void everyAlertTrackSurvivesTheChangelog(@ForAll("alertTracks") AlertTrack track) {
        assertThat(tracks.deserializer().deserialize("t", tracks.serializer().serialize("t", track))).isEqualTo(track);
    }

    @Property(tries = 300)
    void everyAvailabilityStateSurvivesTheChangelog(@ForAll("availabilityStates") AvailabilityState state) {
        byte[] bytes = availability.serializer().serialize("t", state);

        assertThat(bytes[0]).as("binary, not JSON").isEqualTo((byte) 1);
        assertThat(availability.deserializer().deserialize("t", bytes)).isEqualTo(state);
    }

    @Property(tries = 100)
    void everyValueVersion010WroteAsJsonStillReads(@ForAll("alertTracks") AlertTrack track,
                                                   @ForAll("availabilityStates") AvailabilityState state)
            throws JsonProcessingException {
        // Version 0.1.0's store serde wrote the records with a default ObjectMapper.
        ObjectMapper json = new ObjectMapper();

        assertThat(tracks.deserializer().deserialize("t", json.writeValueAsBytes(track))).isEqualTo(track);
        assertThat(availability.deserializer().deserialize("t", json.writeValueAsBytes(state))).isEqualTo(state);
    }

    @Example
    void anAlertTrackWrittenAsJsonByVersion010StillReads() {
        byte[] legacy = "{\"breaching\":true,\"recoveries\":[1764061200000,1764061500000]}".getBytes(StandardCharsets.UTF_8);

        assertThat(tracks.deserializer().deserialize("t", legacy))
                .isEqualTo(new AlertTrack(true, List.of(1764061200000L, 1764061500000L)));
    }

    @Example
    void anAvailabilityStateWrittenAsJsonByVersion010StillReads() {
        byte[] legacy = ("{\"domain\":\"paid-media\",\"downtime\":{\"intervals\":[{\"start\":1000,\"end\":7000}],"
                + "\"downSince\":9000},\"burning\":[\"burn-rate.fast\"]}").getBytes(StandardCharsets.UTF_8);

        assertThat(availability.deserializer().deserialize("t", legacy)).isEqualTo(new AvailabilityState("paid-media",
                new Downtime(List.of(new Downtime.Interval(1000, 7000)), 9000L), Set.of("burn-rate.fast")));
    }

    @Provide
    Arbitrary<AlertTrack> alertTracks() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.longs().list().ofMaxSize(6)).as(AlertTrack::new);
    }

    @Provide
    Arbitrary<AvailabilityState> availabilityStates() {
        Arbitrary<Downtime.Interval> interval = Combinators.combine(Arbitraries.longs().between(-(1L << 60), 1L << 60),
                Arbitraries.longs().between(0, 1L << 40)).as((start, length) -> new Downtime.Interval(start, start + length));
        Arbitrary<Downtime> downtime = Combinators.combine(interval.list().ofMaxSize(5), Arbitraries.longs().injectNull(0.3))
                .as(Downtime::new);
        Arbitrary<String> domain = Arbitraries.strings().ofMinLength(1).ofMaxLength(20).injectNull(0.1);
        Arbitrary<Set<String>> burning = Arbitraries.of("burn-rate.fast", "burn-rate.slow").set();
        return Combinators.combine(domain, downtime, burning).as(AvailabilityState::new);
    }
}
