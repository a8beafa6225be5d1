package io.meshwarden.quality.anomaly;

import io.meshwarden.quality.anomaly.Judgement.Verdict;
import io.meshwarden.streams.state.StateCodec;
import io.meshwarden.streams.state.StateSerde;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The binary layout of {@link Watched} in {@code quality-anomaly-store} and its changelog (version 1). */
public final class WatchedCodec implements StateCodec<Watched> {
    public static final StateSerde<Watched> SERDE = StateSerde.of(Watched.class, new WatchedCodec());

    @Override
    public void write(DataOutput out, Watched watched) throws IOException {
        Baseline b = watched.baseline();
        out.writeLong(b.learned());
        out.writeLong(b.firstLearned());
        out.writeDouble(b.level());
        writeDoubles(out, b.hourly());
        writeInts(out, b.hourlySeen());
        writeDoubles(out, b.weekly());
        writeInts(out, b.weeklySeen());
        out.writeDouble(b.variance());
        out.writeDouble(b.cusum());
        out.writeInt(b.anomalousRun());
        out.writeBoolean(b.sustained());
        out.writeByte(watched.verdict().ordinal());
        out.writeDouble(watched.observed());
        out.writeDouble(watched.expected());
        out.writeDouble(watched.low());
        out.writeDouble(watched.high());
        out.writeLong(watched.at());
    }

    @Override
    public Watched read(DataInput in) throws IOException {
        Baseline baseline = new Baseline(in.readLong(), in.readLong(), in.readDouble(), readDoubles(in, Baseline.HOURS),
                readInts(in, Baseline.HOURS), readDoubles(in, Baseline.DAYS), readInts(in, Baseline.DAYS), in.readDouble(),
                in.readDouble(), in.readInt(), in.readBoolean());
        return new Watched(baseline, Verdict.values()[in.readByte()], in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readLong());
    }

    private static void writeDoubles(DataOutput out, double[] values) throws IOException {
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    private static void writeInts(DataOutput out, int[] values) throws IOException {
        for (int value : values) {
            out.writeInt(value);
        }
    }

    private static double[] readDoubles(DataInput in, int length) throws IOException {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    private static int[] readInts(DataInput in, int length) throws IOException {
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }
}
