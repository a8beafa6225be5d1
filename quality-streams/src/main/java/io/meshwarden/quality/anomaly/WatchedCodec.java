package io.meshwarden.quality.anomaly;

import io.meshwarden.quality.anomaly.Judgement.Verdict;
import io.meshwarden.streams.state.StateCodec;
import io.meshwarden.streams.state.StateSerde;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The binary layout of {@link Watched} in {@code quality-anomaly-store} and its changelog (version 2; 1 still read). */
public final class WatchedCodec implements StateCodec<Watched> {
    public static final StateSerde<Watched> SERDE = StateSerde.of(Watched.class, new WatchedCodec());

    /**
     * Version 2 writes the profile only when there is one: a steady metric (a rate, a gap) or a seasonal one before its
     * first step has 24 hourly and 7 daily factors of exactly 1 never seen, 372 bytes of the 459 a value took in
     * version 1, written on every judgement. Version 1 (the profile always written) is still read.
     */
    @Override
    public int version() {
        return 2;
    }

    @Override
    public void write(DataOutput out, Watched watched) throws IOException {
        Baseline b = watched.baseline();
        out.writeLong(b.learned());
        out.writeLong(b.firstLearned());
        out.writeDouble(b.level());
        boolean profiled = b.profiled();
        out.writeBoolean(profiled);
        if (profiled) {
            writeDoubles(out, b.hourly());
            writeInts(out, b.hourlySeen());
            writeDoubles(out, b.weekly());
            writeInts(out, b.weeklySeen());
        }
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
        return read(in, version());
    }

    @Override
    public Watched read(DataInput in, int version) throws IOException {
        long learned = in.readLong();
        long firstLearned = in.readLong();
        double level = in.readDouble();
        Baseline empty = Baseline.empty();
        boolean profiled = version == 1 || in.readBoolean();
        double[] hourly = profiled ? readDoubles(in, Baseline.HOURS) : empty.hourly();
        int[] hourlySeen = profiled ? readInts(in, Baseline.HOURS) : empty.hourlySeen();
        double[] weekly = profiled ? readDoubles(in, Baseline.DAYS) : empty.weekly();
        int[] weeklySeen = profiled ? readInts(in, Baseline.DAYS) : empty.weeklySeen();
        Baseline baseline = new Baseline(learned, firstLearned, level, hourly, hourlySeen, weekly, weeklySeen, in.readDouble(),
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
