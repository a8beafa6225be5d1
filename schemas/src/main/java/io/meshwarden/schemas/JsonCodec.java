package io.meshwarden.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Plain JSON of one event type. Generated classes carry logical-type conversions that Avro's
 * generic form does not; Avro binary is the bridge between the two, so there is one conversion
 * per direction and it honours every logical type the schema declares.
 */
final class JsonCodec<T> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Schema schema;
    private final SpecificDatumWriter<T> specificWriter;
    private final SpecificDatumReader<T> specificReader;
    private final GenericDatumWriter<Object> genericWriter;
    private final GenericDatumReader<Object> genericReader;

    JsonCodec(SpecificData model, Schema schema) {
        this.schema = schema;
        this.specificWriter = new SpecificDatumWriter<>(schema, model);
        this.specificReader = new SpecificDatumReader<>(schema, schema, model);
        this.genericWriter = new GenericDatumWriter<>(schema);
        this.genericReader = new GenericDatumReader<>(schema, schema);
    }

    static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '{') {
                return true;
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return false;
    }

    byte[] encode(T value) {
        return toJsonNode(value).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    JsonNode toJsonNode(T value) {
        try {
            byte[] binary = write(specificWriter, value);
            Object generic = genericReader.read(null, DecoderFactory.get().binaryDecoder(binary, null));
            return AvroToJson.convert(generic, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    T decode(byte[] bytes) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "unreadable JSON: " + e.getMessage(), e);
        }
        return fromJsonNode(node);
    }

    T fromJsonNode(JsonNode node) {
        Object generic = JsonToAvro.convert(node, schema, "");
        try {
            byte[] binary = write(genericWriter, generic);
            return specificReader.read(null, DecoderFactory.get().binaryDecoder(binary, null));
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException(DeadLetterReason.SCHEMA_MISMATCH, "JSON does not fit " + schema.getName() + ": " + e.getMessage(), e);
        }
    }

    private static <D> byte[] write(org.apache.avro.io.DatumWriter<D> writer, D value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
