package io.meshwarden.governance.contract;

import io.meshwarden.governance.yaml.YamlDocument;
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
public final class AvroSchemaOfFields {
    /** The namespace of every generated product record. */
    public static final String NAMESPACE = "io.meshwarden.products";
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

    /** The schema as JSON text, or null when no field declares a type; {@code document} places the errors. */
    static String generate(String productName, List<ContractDocument.Field> fields, YamlDocument<?> document) {
        if (fields.isEmpty() || fields.stream().allMatch(f -> f.type() == null)) {
            return null;
        }
        var record = SchemaBuilder.record(recordName(productName)).namespace(NAMESPACE).fields();
        for (int i = 0; i < fields.size(); i++) {
            ContractDocument.Field field = fields.get(i);
            String path = "$.fields[" + i + "]";
            String typeName = document.require(path, "type", field.type());
            Schema type = TYPES.get(typeName);
            if (type == null) {
                throw document.error(path + ".type", "unknown type '" + typeName + "'; use one of " + new java.util.TreeSet<>(TYPES.keySet()));
            }
            boolean required = Boolean.parseBoolean(field.required());
            String name = document.requireText(path, "name", field.name());
            record = required ? record.name(name).type(type).noDefault()
                    : record.name(name).type(nullable(type)).withDefault(null);
        }
        return record.endRecord().toString();
    }

    /** {@code ["null", type]}: the type of an optional field, whose default is null. */
    public static Schema nullable(Schema type) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
    }

    /** An Avro record name made of the words of {@code productName}: {@code campaign-performance} is {@code CampaignPerformance}. */
    public static String recordName(String productName) {
        String name = Arrays.stream(productName.split("[^A-Za-z0-9]+")).filter(s -> !s.isEmpty())
                .map(s -> Character.toUpperCase(s.charAt(0)) + s.substring(1)).collect(Collectors.joining());
        return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "Product" + name : name;
    }
}
