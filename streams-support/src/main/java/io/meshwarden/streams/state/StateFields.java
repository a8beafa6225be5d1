package io.meshwarden.streams.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The field encodings {@link StateCodec}s share, so that an optional value or a collection is
 * written one way everywhere: an optional value is a presence flag then the value (a long is
 * written as 0 when absent), a collection is its size then its elements.
 */
public final class StateFields {
    private StateFields() {
    }

    public static void writeOptionalLong(DataOutput out, Long value) throws IOException {
        out.writeBoolean(value != null);
        out.writeLong(value == null ? 0 : value);
    }

    public static Long readOptionalLong(DataInput in) throws IOException {
        boolean present = in.readBoolean();
        long value = in.readLong();
        return present ? value : null;
    }

    public static void writeOptionalString(DataOutput out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    public static String readOptionalString(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    public static void writeStrings(DataOutput out, Collection<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    /** The strings in the order written. */
    public static List<String> readStrings(DataInput in) throws IOException {
        int size = size(in);
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(in.readUTF());
        }
        return values;
    }

    public static void writeLongs(DataOutput out, Collection<Long> values) throws IOException {
        out.writeInt(values.size());
        for (long value : values) {
            out.writeLong(value);
        }
    }

    /** The longs in the order written. */
    public static List<Long> readLongs(DataInput in) throws IOException {
        int size = size(in);
        List<Long> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(in.readLong());
        }
        return values;
    }

    /** A collection's size, checked so that corrupt bytes fail here rather than allocate gigabytes. */
    public static int size(DataInput in) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > 1 << 20) {
            throw new IOException("implausible collection size " + size);
        }
        return size;
    }
}
