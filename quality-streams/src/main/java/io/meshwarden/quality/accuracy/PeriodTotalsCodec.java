package io.meshwarden.quality.accuracy;

import io.meshwarden.streams.state.StateCodec;
import io.meshwarden.streams.state.StateFields;
import io.meshwarden.streams.state.StateSerde;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;

/** The binary layout of {@link PeriodTotals} in {@code quality-accuracy-store} and its changelog (version 1). */
public final class PeriodTotalsCodec implements StateCodec<PeriodTotals> {
    public static final StateSerde<PeriodTotals> SERDE = StateSerde.of(PeriodTotals.class, new PeriodTotalsCodec());

    @Override
    public void write(DataOutput out, PeriodTotals totals) throws IOException {
        writeTotals(out, totals.control());
        writeTotals(out, totals.loaded());
        out.writeBoolean(totals.closed());
        StateFields.writeStrings(out, totals.breached());
    }

    @Override
    public PeriodTotals read(DataInput in) throws IOException {
        Map<String, Double> control = readTotals(in);
        Map<String, Double> loaded = readTotals(in);
        boolean closed = in.readBoolean();
        return new PeriodTotals(control, loaded, closed, new HashSet<>(StateFields.readStrings(in)));
    }

    private static void writeTotals(DataOutput out, Map<String, Double> totals) throws IOException {
        StateFields.writeAll(out, new TreeMap<>(totals).entrySet(), (o, entry) -> {
            o.writeUTF(entry.getKey());
            o.writeDouble(entry.getValue());
        });
    }

    private static Map<String, Double> readTotals(DataInput in) throws IOException {
        Map<String, Double> totals = new TreeMap<>();
        for (Map.Entry<String, Double> entry : StateFields.readAll(in, i -> Map.entry(i.readUTF(), i.readDouble()))) {
            totals.put(entry.getKey(), entry.getValue());
        }
        return totals;
    }
}
