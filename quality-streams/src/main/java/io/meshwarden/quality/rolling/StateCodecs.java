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
 * field layouts: version 1; version 2, in which {@link Counts} (alone or in a window) also carries
 * the quality rules' missing, invalid and duplicate counts; version 3, in which it carries the
 * measures' loaded totals too; version 4, with the source's latest control totals. Older versions are
 * still read.
 */
public final class StateCodecs {
    static final StateCodec<Counts> COUNTS = new StateCodec<>() {
        @Override
        public int version() {
            return 4;
        }

        @Override
        public void write(DataOutput out, Counts counts) throws IOException {
            out.writeLong(counts.metrics());
            out.writeLong(counts.received());
            out.writeLong(counts.expected());
            writeCounts(out, counts.nulls());
            writeCounts(out, counts.missing());
            writeCounts(out, counts.invalid());
            writeCounts(out, counts.duplicates());
            writeCounts(out, counts.measureMillionths());
            StateFields.writeAll(out, new TreeMap<>(counts.reported()).entrySet(), (o, entry) -> {
                o.writeUTF(entry.getKey());
                o.writeDouble(entry.getValue());
            });
        }

        @Override
        public Counts read(DataInput in) throws IOException {
            return read(in, version());
        }

        @Override
        public Counts read(DataInput in, int version) throws IOException {
            long metrics = in.readLong();
            long received = in.readLong();
            long expected = in.readLong();
            Map<String, Long> nulls = readCounts(in);
            if (version == 1) {
                return new Counts(metrics, received, expected, nulls);
            }
            Map<String, Long> missing = readCounts(in);
            Map<String, Long> invalid = readCounts(in);
            Map<String, Long> duplicates = readCounts(in);
            Map<String, Long> measures = version == 2 ? Map.of() : readCounts(in);
            Map<String, Double> reported = new TreeMap<>();
            if (version >= 4) {
                for (Map.Entry<String, Double> entry : StateFields.readAll(in, i -> Map.entry(i.readUTF(), i.readDouble()))) {
                    reported.put(entry.getKey(), entry.getValue());
                }
            }
            return new Counts(metrics, received, expected, nulls, missing, invalid, duplicates, measures, reported);
        }
    };

    static final StateCodec<WindowState> WINDOW = new StateCodec<>() {
        @Override
        public int version() {
            return COUNTS.version();
        }

        @Override
        public void write(DataOutput out, WindowState window) throws IOException {
            out.writeLong(window.closedEnd());
            out.writeLong(window.periodMs());
            COUNTS.write(out, window.sum());
            StateFields.writeStrings(out, window.breached());
        }

        @Override
        public WindowState read(DataInput in) throws IOException {
            return read(in, version());
        }

        @Override
        public WindowState read(DataInput in, int version) throws IOException {
            long closedEnd = in.readLong();
            long periodMs = in.readLong();
            Counts sum = COUNTS.read(in, version);
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

    private static void writeCounts(DataOutput out, Map<String, Long> counts) throws IOException {
        StateFields.writeAll(out, counts.entrySet(), (o, entry) -> {
            o.writeUTF(entry.getKey());
            o.writeLong(entry.getValue());
        });
    }

    private static Map<String, Long> readCounts(DataInput in) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (Map.Entry<String, Long> entry : StateFields.readAll(in, i -> Map.entry(i.readUTF(), i.readLong()))) {
            counts.put(entry.getKey(), entry.getValue());
        }
        return counts;
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
