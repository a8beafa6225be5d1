package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.governance.diff.ParsedSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The {@code schema} part of an ODCS export: one object holding the contract's fields as ODCS
 * properties, typed from its Avro schema (the inverse of {@link OdcsAvroSchema}), with the
 * contract's quality rules at the object and property they name.
 */
final class OdcsSchemaExport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DataProductContract contract;
    private final List<String> warnings;
    private final Map<String, FieldSpec> specs;

    OdcsSchemaExport(DataProductContract contract, List<String> warnings) {
        this.contract = contract;
        this.warnings = warnings;
        this.specs = contract.getFields().stream().collect(Collectors.toMap(FieldSpec::getName, Function.identity(), (a, b) -> a));
    }

    ArrayNode objects() {
        ArrayNode objects = NODES.arrayNode();
        Schema schema = contract.getProductSchema() == null ? null : parse(contract.getProductSchema());
        if (schema == null && contract.getFields().isEmpty() && contract.getOutputPorts().isEmpty() && contract.getQualityRules().isEmpty()) {
            return objects;
        }
        String name = schema == null ? contract.getName() : schema.getName();
        ObjectNode object = objects.addObject().put("name", name);
        if (!contract.getOutputPorts().isEmpty()) {
            object.put("physicalName", contract.getOutputPorts().get(0).getTopic());
        }
        object.put("logicalType", "object");
        ArrayNode properties = object.putArray("properties");
        List<String> written = new ArrayList<>();
        if (schema != null) {
            for (Schema.Field field : schema.getFields()) {
                properties.add(property(field, specs.get(field.name()), field.name(), contract.getName() + "." + field.name()));
                written.add(field.name());
            }
        }
        for (FieldSpec spec : contract.getFields()) {
            if (!written.contains(spec.getName())) {
                properties.add(untyped(spec));
            }
        }
        ArrayNode quality = rules(null);
        if (!quality.isEmpty()) {
            object.set("quality", quality);
        }
        if (schema != null && !schema.toString().equals(derivedBack(name, properties))) {
            object.putArray("customProperties").addObject().put("property", OdcsImporter.AVRO_SCHEMA).put("value", schema.toString());
        }
        if (properties.isEmpty()) {
            object.remove("properties");
        }
        return objects;
    }

    private Schema parse(String text) {
        try {
            Schema schema = ParsedSchemas.parse(text);
            if (schema.getType() == Schema.Type.RECORD) {
                return schema;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        warnings.add("productSchema of " + contract.getId() + " is not an Avro record; the properties are written without types");
        return null;
    }

    /** The schema the importer will derive from {@code properties}, to know whether the Avro schema must travel as well. */
    private static String derivedBack(String name, ArrayNode properties) {
        Schema derived = OdcsAvroSchema.derive(name, properties, "$", new ArrayList<>());
        return derived == null ? null : derived.toString();
    }

    private ObjectNode untyped(FieldSpec spec) {
        ObjectNode property = NODES.objectNode().put("name", spec.getName()).put("required", spec.getRequired());
        describe(property, spec, spec.getName(), null, null, null);
        return property;
    }

    /** One property; {@code fieldPath} is its dotted path from the object ({@code address.city}), which its rules name. */
    private ObjectNode property(Schema.Field field, FieldSpec spec, String fieldPath, String where) {
        ObjectNode property = NODES.objectNode().put("name", field.name());
        Schema type = AvroAgreement.nonNull(field.schema());
        type(property, type, field.getProp("physicalType"), fieldPath, where);
        property.put("required", !AvroAgreement.nullable(field.schema()));
        describe(property, spec, fieldPath, field.doc(), field.getObjectProp("tags"), field.getProp("classification"));
        return property;
    }

    private void describe(ObjectNode property, FieldSpec spec, String fieldPath, String doc, Object tags, String classification) {
        String description = spec != null && spec.getDescription() != null ? spec.getDescription() : doc;
        if (description != null) {
            property.put("description", description);
        }
        String classified = classification != null ? classification
                : spec != null && spec.getClassification() != null ? spec.getClassification().name().toLowerCase(Locale.ROOT) : null;
        if (classified != null) {
            property.put("classification", classified);
        }
        List<String> tagList = new ArrayList<>();
        if (tags instanceof List<?> list) {
            list.forEach(t -> tagList.add(String.valueOf(t)));
        }
        if (spec != null && spec.getPii() && tagList.stream().noneMatch(t -> t.equalsIgnoreCase("pii"))) {
            tagList.add("pii");
        }
        if (!tagList.isEmpty()) {
            tagList.forEach(property.putArray("tags")::add);
        }
        ArrayNode quality = rules(fieldPath);
        if (!quality.isEmpty()) {
            property.set("quality", quality);
        }
    }

    /** The ODCS logical type (and, where the logical type alone would be read as another Avro type, the physical type). */
    private void type(ObjectNode property, Schema type, String physical, String fieldPath, String where) {
        if (type == null) {
            warnings.add(where + " is a union of several types, which ODCS cannot type; written without a logical type");
            return;
        }
        String family = AvroAgreement.family(type);
        if (!Set.of("string", "integer", "number", "boolean", "date", "timestamp", "time", "object", "array").contains(family)) {
            warnings.add(where + " is an Avro " + type.getType().getName() + ", which ODCS cannot type; written without a logical type");
            return;
        }
        property.put("logicalType", family);
        String exact = physical != null ? physical : physicalOf(type);
        if (exact != null) {
            property.put("physicalType", exact);
        }
        if (type.getType() == Schema.Type.RECORD) {
            ArrayNode nested = property.putArray("properties");
            type.getFields().forEach(f -> nested.add(property(f, null, fieldPath + "." + f.name(), where + "." + f.name())));
        } else if (type.getType() == Schema.Type.MAP) {
            warnings.add(where + " is an Avro map, an ODCS object without properties; the Avro schema travels as avroSchema");
        } else if (type.getType() == Schema.Type.ARRAY) {
            ObjectNode items = NODES.objectNode();
            Schema element = AvroAgreement.nonNull(type.getElementType());
            type(items, element, element == null ? null : element.getProp("physicalType"), fieldPath + "[]", where + "[]");
            property.set("items", items);
        }
    }

    /** The physical type that makes the importer read back exactly this Avro type, where the logical type does not. */
    private static String physicalOf(Schema type) {
        if (type.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        if (type.getLogicalType() != null) {
            String name = type.getLogicalType().getName();
            return name.endsWith("micros") ? name : name.equals("uuid") ? "uuid" : null;
        }
        return switch (type.getType()) {
            case LONG -> "long";
            case FLOAT -> "float";
            case BYTES -> "bytes";
            case ENUM -> "enum";
            default -> null;
        };
    }

    private ArrayNode rules(String field) {
        return OdcsQualityExport.rules(contract.getQualityRules(), field);
    }
}
