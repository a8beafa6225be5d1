package io.meshwarden.streams.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes and reads the fields of one state type in a fixed order, for {@link StateSerde}. A codec
 * never changes its layout: a new layout is a new format version.
 */
public interface StateCodec<T> {
    void write(DataOutput out, T value) throws IOException;

    T read(DataInput in) throws IOException;
}
