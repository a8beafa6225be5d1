package io.meshwarden.quality.rolling;

import io.meshwarden.quality.completeness.Counts;
import io.meshwarden.quality.completeness.WindowState;
import io.meshwarden.quality.freshness.FreshnessState;
import io.meshwarden.streams.state.StateCodec;
import io.meshwarden.streams.state.StateFields;
import io.meshwarden.streams.state.StateSerde;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * The serdes of the rolling-quality processor's own state values ({@link StateSerde}), and their
 * field layouts in format version 1.
 */
public final class StateCodecs {
    static final StateCodec<Counts> COUNTS = new StateCodec<>() {
        @Override
        public void write(DataOutput out, Counts counts) throws IOException {
            out.writeLong(counts.metrics());
            out.writeLong(counts.received());
            out.writeLong(counts.expected());
            StateFields.writeAll(out, counts.nulls().entrySet(), (o, entry) -> {
                o.writeUTF(entry.getKey());
                o.writeLong(entry.getValue());
            });
        }

        @Override
        public Counts read(DataInput in) throws IOException {
            long metrics = in.readLong();
            long received = in.readLong();
            long expected = in.readLong();
            Map<String, Long> nulls = new TreeMap<>();
            for (Map.Entry<String, Long> entry : StateFields.readAll(in, i -> Map.entry(i.readUTF(), i.readLong()))) {
                nulls.put(entry.getKey(), entry.getValue());
            }
            return new Counts(metrics, received, expected, nulls);
        }
    };

    static final StateCodec<WindowState> WINDOW = new StateCodec<>() {
        @Override
        public void write(DataOutput out, WindowState window) throws IOException {
            out.writeLong(window.closedEnd());
            out.writeLong(window.periodMs());
            COUNTS.write(out, window.sum());
            StateFields.writeStrings(out, window.breached());
        }

        @Override
        public WindowState read(DataInput in) throws IOException {
            long closedEnd = in.readLong();
            long periodMs = in.readLong();
            Counts sum = COUNTS.read(in);
            return new WindowState(closedEnd, periodMs, sum, new HashSet<>(StateFields.readStrings(in)));
        }
    };

    static final StateCodec<FreshnessState> FRESHNESS = new StateCodec<>() {
        @Override
        public void write(DataOutput out, FreshnessState state) throws IOException {
            StateFields.writeOptionalLong(out, state.newestRecordTime());
            out.writeLong(state.registeredAt());
            out.writeLong(state.maxAgeMs());
            out.writeBoolean(state.breached());
        }

        @Override
        public FreshnessState read(DataInput in) throws IOException {
            return new FreshnessState(StateFields.readOptionalLong(in), in.readLong(), in.readLong(), in.readBoolean());
        }
    };

    private StateCodecs() {
    }

    public static StateSerde<Counts> counts() {
        return StateSerde.of(Counts.class, COUNTS);
    }

    public static StateSerde<WindowState> windows() {
        return StateSerde.of(WindowState.class, WINDOW);
    }

    public static StateSerde<FreshnessState> freshness() {
        return StateSerde.of(FreshnessState.class, FRESHNESS);
    }
}
