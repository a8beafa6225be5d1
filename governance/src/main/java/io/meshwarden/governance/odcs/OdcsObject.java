package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.governance.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The product one ODCS schema object becomes: its fields, its Avro schema (derived from the
 * properties and, where the document also names one, checked against it), its quality rules, its
 * output ports and its classification. An Avro schema the document names but that disagrees with
 * the properties refuses the import, naming the first disagreeing field.
 */
final class OdcsObject {
    private static final String[] OBJECT_KEYS = {"name", "physicalName", "logicalType", "description",
            "properties", "quality", "customProperties", "relationships"};
    private static final String[] PROPERTY_KEYS = {"name", "logicalType", "physicalType", "logicalTypeOptions", "required",
            "description", "businessName", "classification", "tags", "quality", "properties", "items", "relationships",
            "customProperties"};

    private final YamlDocument<JsonNode> document;
    private final List<String> warnings;
    private final OdcsMapping mapping;
    private final Map<String, String> shared;

    OdcsObject(YamlDocument<JsonNode> document, List<String> warnings, OdcsMapping mapping, Map<String, String> shared) {
        this.document = document;
        this.warnings = warnings;
        this.mapping = mapping;
        this.shared = shared;
    }

    /** Fills in what {@code object} (at {@code path}; missing for a document without objects) says. */
    DataProductContract.Builder product(DataProductContract.Builder builder, JsonNode object, String path, boolean only) {
        JsonNode root = document.value();
        Map<String, String> properties = new LinkedHashMap<>(shared);
        OdcsMapping own = new OdcsMapping(warnings, properties);
        own.customProperties(object.path("customProperties"), path + ".customProperties");
        OdcsMapping.unmapped(warnings, path, object, OBJECT_KEYS);
        JsonNode odcsProperties = object.path("properties");
        List<Classification> classifications = new ArrayList<>();
        List<FieldSpec> fields = new ArrayList<>();
        OdcsRelationships relationships = new OdcsRelationships(warnings, properties);
        relationships.ofObject(object, path);
        for (int i = 0; i < odcsProperties.size(); i++) {
            fields.add(field(odcsProperties.get(i), path + ".properties[" + i + "]", classifications));
            relationships.ofProperty(odcsProperties.get(i), path + ".properties[" + i + "]");
        }
        Schema derived = odcsProperties.isEmpty() ? null
                : OdcsAvroSchema.derive(object.path("name").asText(), odcsProperties, path, warnings);
        Schema schema = declared(object, path, only).map(named -> agreed(derived, named.schema(), named.path())).orElse(derived);
        String declaredClassification = OdcsMapping.customProperty(root.path("customProperties"), "classification");
        Classification classification = declaredClassification == null ? null
                : own.classification(declaredClassification, "$.customProperties.classification");
        return builder.setFields(fields)
                .setProductSchema(schema == null ? null : schema.toString())
                .setQualityRules(new OdcsQuality(warnings).rules(object, path))
                .setOutputPorts(own.ports(root.path("servers"), object, path))
                .setClassification(OdcsImporter.classification(classification, classifications, warnings, only ? "$" : path))
                .setProperties(properties);
    }

    private FieldSpec field(JsonNode property, String path, List<Classification> classifications) {
        unmappedKeys(property, path);
        List<String> tags = OdcsImporter.textList(property.path("tags"));
        Classification classification = classifications(property, path, classifications);
        return FieldSpec.newBuilder()
                .setName(property.path("name").asText())
                .setDescription(OdcsImporter.text(property, "description", OdcsImporter.text(property, "businessName", null)))
                .setRequired(property.path("required").asBoolean(false))
                .setPii(tags.stream().anyMatch(t -> t.equalsIgnoreCase("pii")))
                .setClassification(classification)
                .build();
    }

    private void unmappedKeys(JsonNode property, String path) {
        OdcsMapping.unmapped(warnings, path, property, PROPERTY_KEYS);
        OdcsMapping.unmapped(warnings, path + ".logicalTypeOptions", property.path("logicalTypeOptions"), "format");
        for (int i = 0; i < property.path("properties").size(); i++) {
            unmappedKeys(property.path("properties").get(i), path + ".properties[" + i + "]");
        }
        if (property.has("items")) {
            unmappedKeys(property.path("items"), path + ".items");
        }
    }

    /** This property's classification; it and its nested properties' add to {@code all}. */
    private Classification classifications(JsonNode property, String path, List<Classification> all) {
        Classification own = property.hasNonNull("classification")
                ? mapping.classification(property.path("classification").asText(), path + ".classification") : null;
        if (own != null) {
            all.add(own);
        }
        for (int i = 0; i < property.path("properties").size(); i++) {
            classifications(property.path("properties").get(i), path + ".properties[" + i + "]", all);
        }
        return own;
    }

    /** The Avro schema the document names for this object: its custom property, the document's, or a Kafka server's. */
    private record Named(Schema schema, String path) {
    }

    private Optional<Named> declared(JsonNode object, String path, boolean only) {
        JsonNode root = document.value();
        List<String[]> candidates = new ArrayList<>();
        candidates.add(new String[] {OdcsMapping.customProperty(object.path("customProperties"), OdcsImporter.AVRO_SCHEMA),
                path + ".customProperties"});
        if (only) {
            candidates.add(new String[] {OdcsMapping.customProperty(root.path("customProperties"), OdcsImporter.AVRO_SCHEMA),
                    "$.customProperties"});
            for (int i = 0; i < root.path("servers").size(); i++) {
                JsonNode server = root.path("servers").get(i);
                if ("avro".equals(server.path("format").asText())) {
                    candidates.add(new String[] {OdcsMapping.customProperty(server.path("customProperties"), OdcsImporter.AVRO_SCHEMA),
                            "$.servers[" + i + "].customProperties"});
                }
            }
        }
        return candidates.stream().filter(c -> c[0] != null).findFirst().map(c -> new Named(parse(c[0], c[1]), c[1]));
    }

    private Schema parse(String value, String path) {
        String text = value.trim();
        if (!text.startsWith("{")) {
            Path file = Path.of(document.file()).resolveSibling(text);
            try {
                text = Files.readString(file);
            } catch (IOException | RuntimeException e) {
                throw document.error(path, "'" + value + "' is neither an Avro schema nor a readable .avsc file beside the document");
            }
        }
        try {
            Schema schema = new Schema.Parser().parse(text);
            if (schema.getType() != Schema.Type.RECORD) {
                throw document.error(path, "the named Avro schema is a " + schema.getType().getName().toLowerCase(Locale.ROOT)
                        + ", not a record");
            }
            return schema;
        } catch (SchemaParseException e) {
            throw document.error(path, "the named Avro schema does not parse: " + e.getMessage());
        }
    }

    private Schema agreed(Schema derived, Schema named, String path) {
        if (derived != null) {
            AvroAgreement.firstDisagreement(derived, named).ifPresent(disagreement -> {
                throw document.error(path, "the ODCS properties and the Avro schema named here disagree: " + disagreement);
            });
        }
        return named;
    }
}
