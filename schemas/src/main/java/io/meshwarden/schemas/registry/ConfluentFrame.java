package io.meshwarden.schemas.registry;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * A record in the Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian integer, then the
 * payload (Avro binary; JSON text for JSON Schema; for Protobuf, message indexes then the message). A record
 * starting with any other byte is not framed; one starting with 0 but shorter than the 5-byte header is a
 * truncated frame.
 *
 * @param schemaId the registry's id of the writer's schema
 * @param payload  what follows the header
 */
public record ConfluentFrame(int schemaId, byte[] payload) {
    public static final byte MAGIC = 0;
    public static final int HEADER_LENGTH = 5;

    public ConfluentFrame {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Whether {@code value} claims the wire format (its first byte is the magic byte). */
    public static boolean claims(byte[] value) {
        return value != null && value.length > 0 && value[0] == MAGIC;
    }

    /**
     * The frame of {@code value}; empty when it does not claim the wire format.
     *
     * @throws IllegalArgumentException when it claims it but is shorter than the header
     */
    public static Optional<ConfluentFrame> of(byte[] value) {
        if (!claims(value)) {
            return Optional.empty();
        }
        if (value.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("a Confluent wire-format record is at least " + HEADER_LENGTH
                    + " bytes (magic byte 0 and a 4-byte schema id); this one has " + value.length);
        }
        return Optional.of(new ConfluentFrame(ByteBuffer.wrap(value, 1, 4).getInt(), Arrays.copyOfRange(value, HEADER_LENGTH,
                value.length)));
    }

    /** The record as its bytes: header, then payload. */
    public byte[] bytes() {
        return ByteBuffer.allocate(HEADER_LENGTH + payload.length).put(MAGIC).putInt(schemaId).put(payload).array();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfluentFrame that && schemaId == that.schemaId && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * schemaId + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ConfluentFrame[schemaId=" + schemaId + ", " + payload.length + " bytes]";
    }
}
