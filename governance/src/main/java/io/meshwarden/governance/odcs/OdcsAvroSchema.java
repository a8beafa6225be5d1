package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.governance.contract.AvroSchemaOfFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Derives a product's Avro schema from the properties of an ODCS schema object. The logical type
 * gives the kind of value and the physical type, where it names one Avro knows, the exact type:
 * integer is int unless the physical type or format says 64 bits; number is double, float for
 * float/real/f32, decimal(p,s) for decimal and numeric; date, timestamp and time are Avro's logical
 * types (micros where the physical type says so); object is a nested record, array an array of its
 * items (never null). A property without {@code required: true} is {@code ["null", type]} with a
 * null default. Descriptions (or business names) become the Avro {@code doc}; the physical type,
 * tags and classification are kept as field properties, so the export can write them back.
 * A property whose type cannot be told is a warning and no schema is derived: nothing is guessed.
 */
final class OdcsAvroSchema {
    private static final Pattern DECIMAL = Pattern.compile("(?:decimal|numeric|number)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    private final List<String> warnings;
    private boolean complete = true;

    private OdcsAvroSchema(List<String> warnings) {
        this.warnings = warnings;
    }

    /** The record of {@code properties} (at {@code path}), or null when a property's type cannot be derived. */
    static Schema derive(String objectName, JsonNode properties, String path, List<String> warnings) {
        OdcsAvroSchema derivation = new OdcsAvroSchema(warnings);
        String name = AvroSchemaOfFields.recordName(objectName);
        Schema record = derivation.record(name, AvroSchemaOfFields.NAMESPACE, properties, path);
        return derivation.complete ? record : null;
    }

    private Schema record(String name, String namespace, JsonNode properties, String path) {
        List<Schema.Field> fields = new ArrayList<>();
        for (int i = 0; i < properties.size(); i++) {
            JsonNode property = properties.get(i);
            String at = path + ".properties[" + i + "]";
            Schema type = type(property, at, name + AvroSchemaOfFields.recordName(property.path("name").asText("Item")));
            if (type == null) {
                continue;
            }
            boolean required = property.path("required").asBoolean(false);
            try {
                Schema.Field field = new Schema.Field(property.path("name").asText(), required ? type : AvroSchemaOfFields.nullable(type),
                        OdcsImporter.text(property, "description", OdcsImporter.text(property, "businessName", null)),
                        required ? null : JsonProperties.NULL_VALUE);
                properties(property, field);
                fields.add(field);
            } catch (SchemaParseException e) {
                unmappable(at + ".name", "'" + property.path("name").asText() + "' is not an Avro field name (" + e.getMessage() + ")");
            }
        }
        try {
            return Schema.createRecord(name, null, namespace, false, fields);
        } catch (SchemaParseException e) {
            unmappable(path, e.getMessage());
            return null;
        }
    }

    private static void properties(JsonNode property, Schema.Field field) {
        if (property.hasNonNull("physicalType")) {
            field.addProp("physicalType", property.path("physicalType").asText());
        }
        if (!property.path("tags").isEmpty()) {
            field.addProp("tags", OdcsImporter.textList(property.path("tags")));
        }
        if (property.hasNonNull("classification")) {
            field.addProp("classification", property.path("classification").asText());
        }
    }

    private Schema type(JsonNode property, String path, String nestedName) {
        String physical = property.path("physicalType").asText("").trim().toLowerCase(Locale.ROOT);
        String format = property.path("logicalTypeOptions").path("format").asText("").toLowerCase(Locale.ROOT);
        String logical = property.hasNonNull("logicalType") ? property.path("logicalType").asText() : logicalOf(physical);
        if (logical == null) {
            return unmappable(path, "declares no logicalType and its physicalType '" + property.path("physicalType").asText("")
                    + "' names no type Meshwarden knows; no Avro schema is derived");
        }
        return switch (logical) {
            case "string" -> physical.matches("bytes|binary|varbinary|blob|bytea") || format.matches("byte|binary")
                    ? Schema.create(Schema.Type.BYTES)
                    : physical.equals("uuid") || format.equals("uuid") ? LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING))
                    : Schema.create(Schema.Type.STRING);
            case "integer" -> physical.matches("long|bigint|int64|bigserial") || format.matches("i64|i128|u32|u64|u128")
                    ? Schema.create(Schema.Type.LONG) : Schema.create(Schema.Type.INT);
            case "number" -> number(physical, format, path);
            case "boolean" -> Schema.create(Schema.Type.BOOLEAN);
            case "date" -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case "timestamp" -> physical.contains("micros")
                    ? LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG))
                    : LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
            case "time" -> physical.contains("micros")
                    ? LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG))
                    : LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
            case "object" -> property.path("properties").isEmpty()
                    ? unmappable(path, "is an object without properties; Avro has no record of unknown fields")
                    : record(nestedName, AvroSchemaOfFields.NAMESPACE, property.path("properties"), path);
            case "array" -> {
                if (!property.hasNonNull("items")) {
                    yield unmappable(path, "is an array without items; no Avro schema is derived");
                }
                Schema items = type(property.path("items"), path + ".items", nestedName + "Item");
                yield items == null ? null : Schema.createArray(items);
            }
            default -> unmappable(path + ".logicalType", "'" + logical + "' is not an ODCS logical type");
        };
    }

    private Schema number(String physical, String format, String path) {
        Matcher decimal = DECIMAL.matcher(physical);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
            if (scale > precision || precision == 0) {
                return unmappable(path + ".physicalType", "'" + physical + "' is not a decimal Avro can hold");
            }
            return LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
        }
        if (physical.matches("decimal|numeric")) {
            return unmappable(path + ".physicalType", "'" + physical + "' names no precision; write decimal(precision, scale)");
        }
        return physical.matches("float|float32|real") || format.equals("f32")
                ? Schema.create(Schema.Type.FLOAT) : Schema.create(Schema.Type.DOUBLE);
    }

    /** The logical type a physical type implies, for properties that name only the latter. */
    private static String logicalOf(String physical) {
        if (physical.matches("int|integer|smallint|tinyint|int32|long|bigint|int64|serial|bigserial")) {
            return "integer";
        }
        if (physical.matches("double|double precision|float|float32|float64|real|number") || DECIMAL.matcher(physical).matches()) {
            return "number";
        }
        if (physical.matches("(var)?char(\\s*\\(\\d+\\))?|text|string|uuid|bytes|binary|varbinary|blob|bytea")) {
            return "string";
        }
        if (physical.matches("bool|boolean|date|time")) {
            return physical.startsWith("bool") ? "boolean" : physical;
        }
        return physical.matches("timestamp.*|datetime") ? "timestamp" : null;
    }

    private Schema unmappable(String path, String problem) {
        complete = false;
        warnings.add(path + " " + problem);
        return null;
    }
}
