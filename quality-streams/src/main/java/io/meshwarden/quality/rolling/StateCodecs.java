package io.meshwarden.quality.rolling;

import io.meshwarden.quality.completeness.Counts;
import io.meshwarden.quality.completeness.WindowState;
import io.meshwarden.quality.freshness.FreshnessState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The field layouts of {@link StateSerde}'s format version 1. */
final class StateCodecs {
    static final StateSerde.Codec<Counts> COUNTS = new StateSerde.Codec<>() {
        @Override
        public void write(DataOutputStream out, Counts counts) throws IOException {
            out.writeLong(counts.metrics());
            out.writeLong(counts.received());
            out.writeLong(counts.expected());
            out.writeInt(counts.nulls().size());
            for (Map.Entry<String, Long> entry : counts.nulls().entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeLong(entry.getValue());
            }
        }

        @Override
        public Counts read(DataInputStream in) throws IOException {
            long metrics = in.readLong();
            long received = in.readLong();
            long expected = in.readLong();
            int fields = in.readInt();
            Map<String, Long> nulls = new TreeMap<>();
            for (int i = 0; i < fields; i++) {
                nulls.put(in.readUTF(), in.readLong());
            }
            return new Counts(metrics, received, expected, nulls);
        }
    };

    static final StateSerde.Codec<WindowState> WINDOW = new StateSerde.Codec<>() {
        @Override
        public void write(DataOutputStream out, WindowState window) throws IOException {
            out.writeLong(window.closedEnd());
            out.writeLong(window.periodMs());
            COUNTS.write(out, window.sum());
            out.writeInt(window.breached().size());
            for (String rule : window.breached()) {
                out.writeUTF(rule);
            }
        }

        @Override
        public WindowState read(DataInputStream in) throws IOException {
            long closedEnd = in.readLong();
            long periodMs = in.readLong();
            Counts sum = COUNTS.read(in);
            int rules = in.readInt();
            Set<String> breached = new HashSet<>();
            for (int i = 0; i < rules; i++) {
                breached.add(in.readUTF());
            }
            return new WindowState(closedEnd, periodMs, sum, breached);
        }
    };

    static final StateSerde.Codec<FreshnessState> FRESHNESS = new StateSerde.Codec<>() {
        @Override
        public void write(DataOutputStream out, FreshnessState state) throws IOException {
            out.writeBoolean(state.newestRecordTime() != null);
            out.writeLong(state.newestRecordTime() == null ? 0 : state.newestRecordTime());
            out.writeLong(state.registeredAt());
            out.writeLong(state.maxAgeMs());
            out.writeBoolean(state.breached());
        }

        @Override
        public FreshnessState read(DataInputStream in) throws IOException {
            boolean fed = in.readBoolean();
            long newest = in.readLong();
            return new FreshnessState(fed ? newest : null, in.readLong(), in.readLong(), in.readBoolean());
        }
    };

    private StateCodecs() {
    }
}
