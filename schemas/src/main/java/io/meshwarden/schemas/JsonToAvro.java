package io.meshwarden.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Reads plain JSON (the way a person or {@code kcat} writes it) into Avro's generic form for a
 * schema: no union wrappers, enums by symbol, timestamps as epoch millis or ISO-8601 text, absent
 * fields take their schema default. Anything else is a {@link DeadLetterReason#SCHEMA_MISMATCH}
 * naming the path at fault. Unknown fields are ignored, so newer producers stay readable.
 */
final class JsonToAvro {
    private JsonToAvro() {
    }

    static Object convert(JsonNode node, Schema schema, String path) {
        return switch (schema.getType()) {
            case RECORD -> record(node, schema, path);
            case UNION -> union(node, schema, path);
            case ARRAY -> array(node, schema, path);
            case MAP -> map(node, schema, path);
            case ENUM -> enumSymbol(node, schema, path);
            case STRING -> expect(node.isTextual(), node, "a string", path).textValue();
            case BOOLEAN -> expect(node.isBoolean(), node, "true or false", path).booleanValue();
            case INT -> expect(node.isIntegralNumber() && node.canConvertToInt(), node, "an integer", path).intValue();
            case LONG -> longValue(node, schema, path);
            case FLOAT -> (float) expect(node.isNumber(), node, "a number", path).doubleValue();
            case DOUBLE -> expect(node.isNumber(), node, "a number", path).doubleValue();
            case BYTES -> bytes(node, path);
            case NULL -> expect(node.isNull(), node, "null", path) == null ? null : null;
            case FIXED -> throw mismatch(path, "fixed types are not readable from JSON");
        };
    }

    private static GenericData.Record record(JsonNode node, Schema schema, String path) {
        expect(node.isObject(), node, "an object", path);
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            JsonNode value = node.get(field.name());
            if (value != null && !(value.isNull() && field.hasDefaultValue() && !acceptsNull(field.schema()))) {
                record.put(field.pos(), convert(value, field.schema(), fieldPath));
            } else if (field.hasDefaultValue()) {
                record.put(field.pos(), GenericData.get().getDefaultValue(field));
            } else {
                throw mismatch(fieldPath, "required field is missing");
            }
        }
        return record;
    }

    private static Object union(JsonNode node, Schema schema, String path) {
        if (node.isNull()) {
            if (acceptsNull(schema)) {
                return null;
            }
            throw mismatch(path, "must not be null");
        }
        EventDecodingException first = null;
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() == Schema.Type.NULL) {
                continue;
            }
            try {
                return convert(node, branch, path);
            } catch (EventDecodingException e) {
                first = first == null ? e : first;
            }
        }
        throw first != null ? first : mismatch(path, "no branch of the union fits");
    }

    private static List<Object> array(JsonNode node, Schema schema, String path) {
        expect(node.isArray(), node, "an array", path);
        List<Object> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(convert(node.get(i), schema.getElementType(), path + "[" + i + "]"));
        }
        return items;
    }

    private static Map<String, Object> map(JsonNode node, Schema schema, String path) {
        expect(node.isObject(), node, "an object", path);
        Map<String, Object> entries = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> entries.put(entry.getKey(),
                convert(entry.getValue(), schema.getValueType(), path + "." + entry.getKey())));
        return entries;
    }

    private static GenericData.EnumSymbol enumSymbol(JsonNode node, Schema schema, String path) {
        expect(node.isTextual(), node, "one of " + schema.getEnumSymbols(), path);
        String text = node.textValue();
        String symbol = schema.hasEnumSymbol(text) ? text : text.toUpperCase(Locale.ROOT).replace('-', '_');
        if (!schema.hasEnumSymbol(symbol)) {
            throw mismatch(path, "'" + text + "' is not one of " + schema.getEnumSymbols());
        }
        return new GenericData.EnumSymbol(schema, symbol);
    }

    private static long longValue(JsonNode node, Schema schema, String path) {
        boolean timestamp = schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
        if (timestamp && node.isTextual()) {
            try {
                return Instant.parse(node.textValue()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw mismatch(path, "'" + node.textValue() + "' is not an ISO-8601 instant such as 2026-01-31T09:30:00Z");
            }
        }
        return expect(node.isIntegralNumber() && node.canConvertToLong(), node,
                timestamp ? "epoch milliseconds or an ISO-8601 instant" : "an integer", path).longValue();
    }

    private static ByteBuffer bytes(JsonNode node, String path) {
        expect(node.isTextual(), node, "base64 text", path);
        try {
            return ByteBuffer.wrap(Base64.getDecoder().decode(node.textValue()));
        } catch (IllegalArgumentException e) {
            throw mismatch(path, "not valid base64");
        }
    }

    private static boolean acceptsNull(Schema schema) {
        return schema.getType() == Schema.Type.NULL
                || schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
    }

    private static JsonNode expect(boolean condition, JsonNode node, String expected, String path) {
        if (!condition) {
            throw mismatch(path, "expected " + expected + " but found " + describe(node));
        }
        return node;
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    private static EventDecodingException mismatch(String path, String problem) {
        return new EventDecodingException(DeadLetterReason.SCHEMA_MISMATCH,
                "JSON does not fit the schema at '" + (path.isEmpty() ? "$" : path) + "': " + problem);
    }
}
