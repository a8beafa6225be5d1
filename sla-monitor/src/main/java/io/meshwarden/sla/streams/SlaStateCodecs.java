package io.meshwarden.sla.streams;

import io.meshwarden.sla.alerts.AlertTrack;
import io.meshwarden.sla.budget.Downtime;
import io.meshwarden.sla.timeliness.LatencyHistogram;
import io.meshwarden.sla.timeliness.TimeMeasure;
import io.meshwarden.streams.state.StateCodec;
import io.meshwarden.streams.state.StateFields;
import io.meshwarden.streams.state.StateSerde;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The serdes of the SLA monitor's own store values ({@link AlertTrack}, {@link AvailabilityState},
 * {@link TimelinessState}): binary ({@link StateSerde}, field layouts of format version 1 here), and,
 * for the first two, reading the JSON that version 0.1.0 wrote, so its changelogs still restore.
 */
final class SlaStateCodecs {
    static final StateCodec<AlertTrack> ALERT_TRACK = new StateCodec<>() {
        @Override
        public void write(DataOutput out, AlertTrack track) throws IOException {
            out.writeBoolean(track.breaching());
            StateFields.writeLongs(out, track.recoveries());
        }

        @Override
        public AlertTrack read(DataInput in) throws IOException {
            return new AlertTrack(in.readBoolean(), StateFields.readLongs(in));
        }
    };

    static final StateCodec<AvailabilityState> AVAILABILITY = new StateCodec<>() {
        @Override
        public void write(DataOutput out, AvailabilityState state) throws IOException {
            StateFields.writeOptionalString(out, state.domain());
            StateFields.writeAll(out, state.downtime().intervals(), (o, interval) -> {
                o.writeLong(interval.start());
                o.writeLong(interval.end());
            });
            StateFields.writeOptionalLong(out, state.downtime().downSince());
            StateFields.writeStrings(out, state.burning());
        }

        @Override
        public AvailabilityState read(DataInput in) throws IOException {
            String domain = StateFields.readOptionalString(in);
            List<Downtime.Interval> intervals = StateFields.readAll(in, i -> new Downtime.Interval(i.readLong(), i.readLong()));
            Downtime downtime = new Downtime(intervals, StateFields.readOptionalLong(in));
            return new AvailabilityState(domain, downtime, Set.copyOf(StateFields.readStrings(in)));
        }
    };

    static final StateCodec<TimelinessState> TIMELINESS = new StateCodec<>() {
        @Override
        public void write(DataOutput out, TimelinessState state) throws IOException {
            StateFields.writeOptionalString(out, state.domain());
            writeHistogram(out, state.timeToDetect());
            writeHistogram(out, state.timeToNotify());
            StateFields.writeStrings(out, state.breached().stream().map(TimeMeasure::name).toList());
        }

        @Override
        public TimelinessState read(DataInput in) throws IOException {
            String domain = StateFields.readOptionalString(in);
            LatencyHistogram detect = readHistogram(in);
            LatencyHistogram notify = readHistogram(in);
            Set<TimeMeasure> breached = StateFields.readStrings(in).stream().map(TimeMeasure::valueOf)
                    .collect(Collectors.toSet());
            return new TimelinessState(domain, detect, notify, breached);
        }
    };

    private SlaStateCodecs() {
    }

    static StateSerde<AlertTrack> alertTracks() {
        return StateSerde.of(AlertTrack.class, ALERT_TRACK).readingLegacyJson();
    }

    static StateSerde<TimelinessState> timeliness() {
        return StateSerde.of(TimelinessState.class, TIMELINESS);
    }

    private static void writeHistogram(DataOutput out, LatencyHistogram histogram) throws IOException {
        StateFields.writeAll(out, histogram.slots(), (o, slot) -> {
            o.writeLong(slot.start());
            StateFields.writeAll(o, slot.counts().entrySet(), (e, count) -> {
                e.writeInt(count.getKey());
                e.writeLong(count.getValue());
            });
        });
    }

    private static LatencyHistogram readHistogram(DataInput in) throws IOException {
        return new LatencyHistogram(StateFields.readAll(in, i -> {
            long start = i.readLong();
            Map<Integer, Long> counts = new HashMap<>();
            StateFields.readAll(i, e -> Map.entry(e.readInt(), e.readLong()))
                    .forEach(count -> counts.put(count.getKey(), count.getValue()));
            return new LatencyHistogram.Slot(start, counts);
        }));
    }

    static StateSerde<AvailabilityState> availability() {
        return StateSerde.of(AvailabilityState.class, AVAILABILITY).readingLegacyJson();
    }
}
