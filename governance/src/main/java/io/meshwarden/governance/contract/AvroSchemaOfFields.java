package io.meshwarden.governance.contract;

import io.meshwarden.governance.yaml.YamlNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * Generates a product's Avro schema from the typed fields of a contract file, so that a team
 * writes its fields once: a required field has its plain type, an optional one is nullable with
 * a null default (the shape that lets a later version add it compatibly).
 */
final class AvroSchemaOfFields {
    private static final Map<String, Schema> TYPES = Map.of(
            "string", Schema.create(Schema.Type.STRING),
            "long", Schema.create(Schema.Type.LONG),
            "int", Schema.create(Schema.Type.INT),
            "double", Schema.create(Schema.Type.DOUBLE),
            "float", Schema.create(Schema.Type.FLOAT),
            "boolean", Schema.create(Schema.Type.BOOLEAN),
            "bytes", Schema.create(Schema.Type.BYTES),
            "timestamp", org.apache.avro.LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)),
            "date", org.apache.avro.LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)));

    private AvroSchemaOfFields() {
    }

    /** The schema as JSON text, or null when no field declares a type. */
    static String generate(String productName, List<YamlNode> fields) {
        if (fields.isEmpty() || fields.stream().noneMatch(f -> f.get("type").isPresent())) {
            return null;
        }
        var record = SchemaBuilder.record(recordName(productName)).namespace("io.meshwarden.products").fields();
        for (YamlNode field : fields) {
            YamlNode typeNode = field.require("type");
            Schema type = TYPES.get(typeNode.text());
            if (type == null) {
                throw typeNode.error("unknown type '" + typeNode.text() + "'; use one of " + new java.util.TreeSet<>(TYPES.keySet()));
            }
            boolean required = field.text("required").map(Boolean::parseBoolean).orElse(false);
            String name = field.requireText("name");
            record = required ? record.name(name).type(type).noDefault()
                    : record.name(name).type(Schema.createUnion(Schema.create(Schema.Type.NULL), type)).withDefault(null);
        }
        return record.endRecord().toString();
    }

    private static String recordName(String productName) {
        String name = Arrays.stream(productName.split("[^A-Za-z0-9]+")).filter(s -> !s.isEmpty())
                .map(s -> Character.toUpperCase(s.charAt(0)) + s.substring(1)).collect(Collectors.joining());
        return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "Product" + name : name;
    }
}
