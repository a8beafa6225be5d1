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
    /** Writes one element of a collection. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(DataOutput out, T value) throws IOException;
    }

    /** Reads one element of a collection. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    private static final int MAX_SIZE = 1 << 20;

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

    /** The size, then each element. */
    public static <T> void writeAll(DataOutput out, Collection<T> values, Writer<? super T> element) throws IOException {
        out.writeInt(values.size());
        for (T value : values) {
            element.write(out, value);
        }
    }

    /**
     * The elements in the order written. The size is checked first, so that corrupt bytes fail here
     * rather than allocate gigabytes.
     */
    public static <T> List<T> readAll(DataInput in, Reader<? extends T> element) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > MAX_SIZE) {
            throw new IOException("implausible collection size " + size);
        }
        List<T> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(element.read(in));
        }
        return values;
    }

    public static void writeStrings(DataOutput out, Collection<String> values) throws IOException {
        writeAll(out, values, DataOutput::writeUTF);
    }

    public static List<String> readStrings(DataInput in) throws IOException {
        return readAll(in, DataInput::readUTF);
    }

    public static void writeLongs(DataOutput out, Collection<Long> values) throws IOException {
        writeAll(out, values, DataOutput::writeLong);
    }

    public static List<Long> readLongs(DataInput in) throws IOException {
        return readAll(in, DataInput::readLong);
    }
}
