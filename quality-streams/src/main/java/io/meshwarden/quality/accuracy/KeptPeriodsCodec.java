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

/** The binary layout of {@link KeptPeriods} in {@code quality-accuracy-index-store} and its changelog (version 1). */
public final class KeptPeriodsCodec implements StateCodec<KeptPeriods> {
    public static final StateSerde<KeptPeriods> SERDE = StateSerde.of(KeptPeriods.class, new KeptPeriodsCodec());

    @Override
    public void write(DataOutput out, KeptPeriods index) throws IOException {
        StateFields.writeAll(out, index.periods().entrySet(), (o, entry) -> {
            o.writeLong(entry.getKey());
            o.writeBoolean(entry.getValue().closed());
            StateFields.writeStrings(o, entry.getValue().breached());
        });
    }

    @Override
    public KeptPeriods read(DataInput in) throws IOException {
        TreeMap<Long, KeptPeriods.Kept> periods = new TreeMap<>();
        for (Map.Entry<Long, KeptPeriods.Kept> entry : StateFields.readAll(in, i -> Map.entry(i.readLong(),
                new KeptPeriods.Kept(i.readBoolean(), new HashSet<>(StateFields.readStrings(i)))))) {
            periods.put(entry.getKey(), entry.getValue());
        }
        return new KeptPeriods(periods);
    }
}
