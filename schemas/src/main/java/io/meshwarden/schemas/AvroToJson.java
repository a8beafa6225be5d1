package io.meshwarden.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes Avro's generic form as plain JSON: unions without wrappers, enums as symbols,
 * timestamps as ISO-8601 text. The inverse of {@link JsonToAvro}.
 */
final class AvroToJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroToJson() {
    }

    static JsonNode convert(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case RECORD -> record((IndexedRecord) value, schema);
            case UNION -> convert(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
            case ARRAY -> array((Collection<?>) value, schema.getElementType());
            case MAP -> map((Map<?, ?>) value, schema.getValueType());
            case ENUM, STRING -> NODES.textNode(value.toString());
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? NODES.textNode(Instant.ofEpochMilli((Long) value).toString())
                    : NODES.numberNode((Long) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(toArray((ByteBuffer) value)));
            case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericData.Fixed) value).bytes()));
            case NULL -> NODES.nullNode();
        };
    }

    private static ObjectNode record(IndexedRecord record, Schema schema) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
            node.set(field.name(), convert(record.get(field.pos()), field.schema()));
        }
        return node;
    }

    private static ArrayNode array(Collection<?> items, Schema elementSchema) {
        ArrayNode node = NODES.arrayNode(items.size());
        items.forEach(item -> node.add(convert(item, elementSchema)));
        return node;
    }

    private static ObjectNode map(Map<?, ?> entries, Schema valueSchema) {
        ObjectNode node = NODES.objectNode();
        entries.forEach((key, value) -> node.set(key.toString(), convert(value, valueSchema)));
        return node;
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
