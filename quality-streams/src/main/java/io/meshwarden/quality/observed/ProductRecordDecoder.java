package io.meshwarden.quality.observed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.quality.rules.FieldValues;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.EventDecodingException;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;

/**
 * Decodes one record of a data product's own output topic against the product's contract: Avro
 * single-object encoding of the contract's {@code productSchema}, or a JSON object whose
 * non-nullable schema fields are all present, and gives its values as the quality rules read them
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
        if (value == null || value.length == 0) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "empty record");
        }
        Schema schema = contract.getProductSchema() == null ? null : schema(contract);
        if (value.length >= 2 && value[0] == (byte) 0xC3 && value[1] == 0x01) {
            return new AvroValues(avro(contract, schema, value));
        }
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
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "neither Avro single-object encoding nor JSON: "
                    + e.getMessage(), e);
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
