package io.meshwarden.quality.rolling;

import io.meshwarden.streams.state.StateCodec;
import io.meshwarden.streams.state.StateFields;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A metric that arrived before its product's contract, as it arrived: its record timestamp, the
 * wall-clock time it arrived, its key and value bytes (the original ones, or, for an observed-mode
 * measurement that has none, its encoding) and its headers, stamped with where it entered the mesh
 * so that a dead letter written later still names it.
 *
 * @param original whether {@code value} is the bytes the producer wrote (else an encoding made here)
 */
record PendingMetric(long timestamp, long arrivedAt, boolean original, byte[] key, byte[] value, Headers headers) {

    static final StateCodec<PendingMetric> CODEC = new StateCodec<>() {
        @Override
        public void write(DataOutput out, PendingMetric pending) throws IOException {
            out.writeLong(pending.timestamp());
            out.writeLong(pending.arrivedAt());
            out.writeBoolean(pending.original());
            writeBytes(out, pending.key());
            writeBytes(out, pending.value());
            List<Header> headers = new ArrayList<>();
            pending.headers().forEach(headers::add);
            StateFields.writeAll(out, headers, (o, header) -> {
                o.writeUTF(header.key());
                writeBytes(o, header.value());
            });
        }

        @Override
        public PendingMetric read(DataInput in) throws IOException {
            long timestamp = in.readLong();
            long arrivedAt = in.readLong();
            boolean original = in.readBoolean();
            byte[] key = readBytes(in);
            byte[] value = readBytes(in);
            RecordHeaders headers = new RecordHeaders();
            StateFields.readAll(in, i -> new Object[] {i.readUTF(), readBytes(i)})
                    .forEach(pair -> headers.add((String) pair[0], (byte[]) pair[1]));
            return new PendingMetric(timestamp, arrivedAt, original, key, value, headers);
        }
    };

    private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
