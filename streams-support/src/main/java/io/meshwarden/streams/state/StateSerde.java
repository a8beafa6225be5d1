package io.meshwarden.streams.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Serde of an application's own state-store values (records that never leave its stores and
 * changelogs): a format version byte, then the fields in the fixed order of a {@link StateCodec}.
 * Compact binary rather than JSON because every record processed reads and writes this state (a
 * fifth of the rolling-quality processor's time went to Jackson). A later layout gets a new
 * version byte and keeps reading the older ones.
 *
 * <p>{@link #readingLegacyJson()} also reads values that a JSON serde wrote before (Meshwarden
 * 0.1.0's SLA stores): such a value starts with {@code '{'}, never a version byte, and is read with
 * Jackson, unknown properties ignored, as it was written. Every write is binary, so a changelog
 * turns binary key by key as values change and compaction drops the old ones.
 */
public final class StateSerde<T> implements Serde<T> {
    /** The first format version; a codec whose layout changed writes a later one ({@link StateCodec#version()}). */
    static final byte FORMAT_VERSION = 1;
    private static final byte JSON_OBJECT = '{';
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Class<T> type;
    private final StateCodec<T> codec;
    private final boolean legacyJson;

    private StateSerde(Class<T> type, StateCodec<T> codec, boolean legacyJson) {
        this.type = type;
        this.codec = codec;
        this.legacyJson = legacyJson;
    }

    public static <T> StateSerde<T> of(Class<T> type, StateCodec<T> codec) {
        return new StateSerde<>(type, codec, false);
    }

    /** This serde, also reading values written as JSON objects by the serde it replaces. */
    public StateSerde<T> readingLegacyJson() {
        return new StateSerde<>(type, codec, true);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private byte[] write(T value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(codec.version());
            codec.write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + type.getSimpleName(), e);
        }
        return bytes.toByteArray();
    }

    private T read(byte[] bytes) {
        try {
            if (legacyJson && bytes.length > 0 && bytes[0] == JSON_OBJECT) {
                return JSON.readValue(bytes, type);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                byte version = in.readByte();
                if (version < FORMAT_VERSION || version > codec.version()) {
                    throw new IOException("unknown state format version " + version);
                }
                return codec.read(in, version);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("state store value is not a " + type.getSimpleName(), e);
        }
    }
}
