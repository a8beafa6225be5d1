package io.meshwarden.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;

/**
 * Avro single-object encoding of one event type. Writes with the current schema; reads bytes
 * written with the current schema or any released version in {@link SchemaHistory}, resolving
 * them to the current one. Thread-safe.
 */
final class SingleObjectCodec<T> {
    static final byte MARKER_0 = (byte) 0xC3;
    static final byte MARKER_1 = (byte) 0x01;

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final String typeName;

    SingleObjectCodec(SpecificData model, Schema schema, List<Schema> writerSchemas) {
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        writerSchemas.forEach(decoder::addSchema);
        this.typeName = schema.getName();
    }

    static boolean looksLikeSingleObject(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == MARKER_0 && bytes[1] == MARKER_1;
    }

    byte[] encode(T value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            encoder.encode(value, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    T decode(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new EventDecodingException(DeadLetterReason.UNKNOWN_SCHEMA,
                    "no known version of " + typeName + " has this schema fingerprint: " + e.getMessage(), e);
        } catch (BadHeaderException e) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE,
                    "not Avro single-object encoding: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            // Corrupt bytes surface as many exception types inside Avro (length limits, bad indexes,
            // unsupported sizes); to a caller they all mean the same thing.
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE,
                    "corrupt Avro payload for " + typeName + ": " + e, e);
        }
    }
}
