package io.meshwarden.streams.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes and reads the fields of one state type in a fixed order, for {@link StateSerde}. A codec
 * never changes its layout: a new layout is a new format version, and the codec keeps reading
 * the older ones ({@link #read(DataInput, int)}).
 */
public interface StateCodec<T> {
    void write(DataOutput out, T value) throws IOException;

    T read(DataInput in) throws IOException;

    /** The format version {@link #write} writes; 1 until a codec's layout changes. */
    default int version() {
        return 1;
    }

    /** Reads a value written in {@code version}, from 1 up to {@link #version()}. */
    default T read(DataInput in, int version) throws IOException {
        return read(in);
    }
}
