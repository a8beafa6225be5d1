package io.meshwarden.quality.observed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.config.Settings;
import io.meshwarden.quality.rules.FieldValues;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.EventDecodingException;
import io.meshwarden.schemas.registry.ConfluentFrame;
import io.meshwarden.schemas.registry.RegisteredSchema;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import io.meshwarden.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.AvroTypeException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;

/**
 * Decodes one record of a data product's own output topic against the product's contract: Avro
 * single-object encoding of the contract's {@code productSchema}, a JSON object whose
 * non-nullable schema fields are all present, or either in the Confluent wire format (magic byte 0 and
 * the schema id of a Confluent-compatible registry; Avro read with the registry's schema as the contract's,
 * Protobuf recognised but not decoded), and gives its values as the quality rules read them
 * ({@link FieldValues}); throws {@link EventDecodingException} with the reason when the record does
 * not decode.
 */
final class ProductRecordDecoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private ProductRecordDecoder() {
    }

    /** The record decoded; throws {@link EventDecodingException} with the reason when it does not decode. */
    static FieldValues decode(DataProductContract contract, byte[] value) {
        return decode(contract, value, Optional.empty());
    }

    /**
     * The record decoded, a record in the Confluent wire format with its writer's schema from {@code registry};
     * throws {@link EventDecodingException} with the reason when it does not decode.
     */
    static FieldValues decode(DataProductContract contract, byte[] value, Optional<SchemaRegistryClient> registry) {
        if (value == null || value.length == 0) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "empty record");
        }
        Schema schema = contract.getProductSchema() == null ? null : schema(contract);
        if (ConfluentFrame.claims(value)) {
            return framed(contract, schema, value, registry);
        }
        if (value.length >= 2 && value[0] == (byte) 0xC3 && value[1] == 0x01) {
            return new AvroValues(avro(contract, schema, value));
        }
        return jsonValues(contract, schema, value);
    }

    /** A record in the Confluent wire format: Avro decoded with the registry's writer schema, JSON as JSON, Protobuf recognised. */
    private static FieldValues framed(DataProductContract contract, Schema schema, byte[] value,
                                      Optional<SchemaRegistryClient> registry) {
        ConfluentFrame frame;
        try {
            frame = ConfluentFrame.of(value).orElseThrow();
        } catch (IllegalArgumentException e) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "truncated: " + e.getMessage());
        }
        if (registry.isEmpty()) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "a record in the Confluent wire format (schema id "
                    + frame.schemaId() + "), but no schema registry is configured (" + Settings.SCHEMA_REGISTRY_URL.key() + ")");
        }
        RegisteredSchema writer;
        try {
            writer = registry.get().byId(frame.schemaId());
        } catch (SchemaRegistryException e) {
            throw EventDecodingException.noWriterSchema(e);
        }
        return switch (writer.type()) {
            case AVRO -> new AvroValues(registeredAvro(contract, schema, writer, frame.payload()));
            case JSON -> jsonValues(contract, schema, frame.payload());
            case PROTOBUF -> throw new EventDecodingException(DeadLetterReason.UNSUPPORTED_ENCODING, "Protobuf in the Confluent"
                    + " wire format (schema id " + frame.schemaId() + "): recognised, not decoded; counted as not received");
        };
    }

    /** Avro binary written with the registry's schema, read as the contract's schema (Avro schema resolution). */
    private static GenericRecord registeredAvro(DataProductContract contract, Schema schema, RegisteredSchema writer,
                                                byte[] payload) {
        Schema written;
        try {
            written = SCHEMAS.computeIfAbsent(writer.schema(), text -> new Schema.Parser().parse(text));
        } catch (SchemaParseException e) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "the registry's schema id " + writer.id()
                    + " is not an Avro schema: " + e.getMessage(), e);
        }
        Schema reader = schema == null ? written : schema;
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, null);
            GenericRecord record = new GenericDatumReader<GenericRecord>(written, reader).read(null, decoder);
            if (!decoder.isEnd()) {
                throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "bytes left after a " + written.getFullName()
                        + " (schema id " + writer.id() + ")");
            }
            return record;
        } catch (AvroTypeException e) {
            throw new EventDecodingException(DeadLetterReason.SCHEMA_MISMATCH, "schema id " + writer.id() + " cannot be read as"
                    + " the productSchema of " + contract.getId() + " " + contract.getVersion() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof EventDecodingException decoding) {
                throw decoding;
            }
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "not a " + written.getFullName() + " in Avro binary"
                    + " (schema id " + writer.id() + "): " + e, e);
        }
    }

    private static FieldValues jsonValues(DataProductContract contract, Schema schema, byte[] value) {
        JsonNode json = json(contract, value);
        if (schema != null && schema.getType() == Schema.Type.RECORD) {
            for (Schema.Field field : schema.getFields()) {
                JsonNode node = json.get(field.name());
                if ((node == null || node.isNull()) && !field.hasDefaultValue() && !nullable(field.schema())) {
                    throw new EventDecodingException(DeadLetterReason.SCHEMA_MISMATCH, "field '" + field.name()
                            + "' of " + contract.getId() + " is missing and has no default");
                }
            }
        }
        return new JsonValues(json);
    }

    /** The contract's required fields that are null (or absent) in the record. */
    static Set<String> nullRequiredFields(DataProductContract contract, FieldValues record) {
        Set<String> nulls = new TreeSet<>();
        contract.getFields().stream().filter(FieldSpec::getRequired).map(FieldSpec::getName)
                .filter(field -> record.text(field) == null).forEach(nulls::add);
        return nulls;
    }

    /**
     * Avro values: text as Avro's {@code toString} of strings, numbers, enums; canonical as Avro's JSON-like text.
     * A dotted field ({@code address.city}) is a field of a nested record; null when any record on the way is.
     */
    private record AvroValues(GenericRecord record) implements FieldValues {
        @Override
        public String text(String field) {
            Object value = value(field);
            return value == null ? null : value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                    || value instanceof GenericData.EnumSymbol ? value.toString() : GenericData.get().toString(value);
        }

        @Override
        public String canonical(String field) {
            Object value = value(field);
            return value == null ? null : GenericData.get().toString(value);
        }

        private Object value(String field) {
            GenericRecord current = record;
            int from = 0;
            while (true) {
                int dot = field.indexOf('.', from);
                String name = dot < 0 ? field.substring(from) : field.substring(from, dot);
                Object value = current.getSchema().getField(name) == null ? null : current.get(name);
                if (dot < 0) {
                    return value;
                }
                if (!(value instanceof GenericRecord nested)) {
                    return null;
                }
                current = nested;
                from = dot + 1;
            }
        }

        @Override
        public String canonicalRecord() {
            return GenericData.get().toString(record);
        }
    }

    /**
     * JSON values: text as the node's text (numbers as written), canonical as the node's JSON. A dotted
     * field ({@code address.city}) is a member of a nested object; null when any object on the way is.
     */
    private record JsonValues(JsonNode json) implements FieldValues {
        @Override
        public String text(String field) {
            JsonNode node = node(field);
            return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
        }

        @Override
        public String canonical(String field) {
            JsonNode node = node(field);
            return node == null || node.isNull() ? null : node.toString();
        }

        private JsonNode node(String field) {
            JsonNode current = json;
            int from = 0;
            while (true) {
                int dot = field.indexOf('.', from);
                JsonNode node = current.get(dot < 0 ? field.substring(from) : field.substring(from, dot));
                if (dot < 0 || node == null || !node.isObject()) {
                    return dot < 0 ? node : null;
                }
                current = node;
                from = dot + 1;
            }
        }

        @Override
        public String canonicalRecord() {
            return json.toString();
        }
    }

    private static GenericRecord avro(DataProductContract contract, Schema schema, byte[] value) {
        if (schema == null) {
            throw new EventDecodingException(DeadLetterReason.UNKNOWN_SCHEMA, "Avro record, but the contract of "
                    + contract.getId() + " has no productSchema to read it with");
        }
        try {
            return new BinaryMessageDecoder<GenericRecord>(GenericData.get(), schema).decode(value);
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "not a " + schema.getFullName()
                    + " in Avro single-object encoding (contract " + contract.getId() + " " + contract.getVersion() + "): " + e, e);
        }
    }

    private static JsonNode json(DataProductContract contract, byte[] value) {
        JsonNode node;
        try {
            node = MAPPER.readTree(value);
        } catch (IOException e) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, String.format(
                    "neither Avro single-object encoding (starting C3 01), the Confluent wire format (magic byte 0) nor JSON; "
                    + "first byte 0x%02X: %s", value[0], e.getMessage()), e);
        }
        if (node == null || !node.isObject()) {
            throw new EventDecodingException(DeadLetterReason.SCHEMA_MISMATCH, "a record of " + contract.getId()
                    + " must be a JSON object");
        }
        return node;
    }

    private static Schema schema(DataProductContract contract) {
        try {
            return SCHEMAS.computeIfAbsent(contract.getProductSchema(), text -> new Schema.Parser().parse(text));
        } catch (SchemaParseException e) {
            throw new EventDecodingException(DeadLetterReason.PROCESSING_ERROR, "the productSchema of " + contract.getId()
                    + " does not parse: " + e.getMessage(), e);
        }
    }

    private static boolean nullable(Schema schema) {
        return schema.getType() == Schema.Type.NULL
                || schema.getType() == Schema.Type.UNION && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
    }
}
