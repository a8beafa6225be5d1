package io.meshwarden.quality.rolling;

import io.meshwarden.quality.completeness.Counts;
import io.meshwarden.quality.completeness.WindowState;
import io.meshwarden.quality.freshness.FreshnessState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of the rolling-quality processor's own state values: a format version byte, then the
 * fields in a fixed order ({@link StateCodecs}). Every metric event reads and writes this state,
 * so it is compact binary rather than JSON (a fifth of the processor's time went to Jackson). A
 * later format gets a new version byte and keeps reading the older ones.
 */
public final class StateSerde<T> implements Serde<T> {
    static final byte FORMAT_VERSION = 1;

    /** Writes and reads one state type's fields. */
    interface Codec<T> {
        void write(DataOutputStream out, T value) throws IOException;

        T read(DataInputStream in) throws IOException;
    }

    private final Class<T> type;
    private final Codec<T> codec;

    private StateSerde(Class<T> type, Codec<T> codec) {
        this.type = type;
        this.codec = codec;
    }

    public static StateSerde<Counts> counts() {
        return new StateSerde<>(Counts.class, StateCodecs.COUNTS);
    }

    public static StateSerde<WindowState> windows() {
        return new StateSerde<>(WindowState.class, StateCodecs.WINDOW);
    }

    public static StateSerde<FreshnessState> freshness() {
        return new StateSerde<>(FreshnessState.class, StateCodecs.FRESHNESS);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT_VERSION);
                codec.write(out, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                byte version = in.readByte();
                if (version != FORMAT_VERSION) {
                    throw new IOException("unknown state format version " + version);
                }
                return codec.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("state store value is not a " + type.getSimpleName(), e);
            }
        };
    }
}
