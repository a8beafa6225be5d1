package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.governance.yaml.YamlDocument;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Imports an Open Data Contract Standard (v3) YAML document as a Meshwarden contract. Validates it
 * against the ODCS JSON Schema first (an invalid document is refused naming the path and line),
 * then maps identity, status, team, schema properties, SLA properties, completeness checks and
 * Kafka servers. Whatever has no place in a Meshwarden contract is reported as a warning naming
 * its path; custom properties and unmapped SLA properties are kept as contract properties.
 */
public final class OdcsImporter {
    private static final JsonSchema SCHEMA = loadSchema();
    private static final Set<String> MAPPED = Set.of("apiVersion", "kind", "id", "name", "version", "status", "domain",
            "dataProduct", "description", "team", "roles", "schema", "slaProperties", "servers", "tags", "customProperties");

    private OdcsImporter() {
    }

    /** @param defaultDomain the domain for documents that name none (null: such documents are refused) */
    public static OdcsImport importContract(String file, String text, String defaultDomain) {
        YamlDocument<JsonNode> document = YamlDocument.readTree(file, text);
        JsonNode root = document.value();
        List<ValidationMessage> errors = new ArrayList<>(SCHEMA.validate(root));
        if (!errors.isEmpty()) {
            // The deepest error is the cause; "unevaluated property" errors are echoes of it one level up.
            errors.sort(Comparator.comparing((ValidationMessage m) -> "unevaluatedProperties".equals(m.getType()))
                    .thenComparing(m -> -m.getInstanceLocation().toString().length()));
            ValidationMessage first = errors.get(0);
            throw document.error(first.getInstanceLocation().toString(), "not a valid ODCS v3 document: " + first.getMessage());
        }
        List<String> warnings = new ArrayList<>();
        root.fieldNames().forEachRemaining(key -> {
            if (!MAPPED.contains(key)) {
                warnings.add("$." + key + " has no place in a Meshwarden contract and is not imported");
            }
        });
        String domain = text(root, "domain", defaultDomain);
        if (domain == null) {
            throw document.error("$.domain", "missing; Meshwarden places every product in a domain (add 'domain:' or pass a default domain)");
        }
        String name = text(root, "dataProduct", text(root, "name", root.path("schema").path(0).path("name").asText(null)));
        if (name == null) {
            throw document.error("$.name", "missing; neither name, dataProduct nor a schema object names the product");
        }
        String productId = kebab(domain) + "." + kebab(name);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("odcs.id", root.path("id").asText());
        OdcsMapping mapping = new OdcsMapping(warnings, properties);
        List<FieldSpec> fields = mapping.fields(root.path("schema"));
        QualityGuarantees guarantees = mapping.guarantees(root.path("slaProperties"), root.path("schema"));
        mapping.roles(root.path("roles"));
        mapping.customProperties(root.path("customProperties"), "odcs.");
        DataProductContract contract = DataProductContract.newBuilder()
                .setId(productId)
                .setDomain(kebab(domain))
                .setName(name)
                .setVersion(root.path("version").asText())
                .setStatus(status(root.path("status").asText(), warnings))
                .setOwner(mapping.owner(root.path("team")))
                .setDescription(root.path("description").path("purpose").asText(null))
                .setDocumentationUrl(mapping.documentation(root))
                .setClassification(fields.stream().map(FieldSpec::getClassification).filter(java.util.Objects::nonNull)
                        .max(Comparator.naturalOrder()).orElse(Classification.INTERNAL))
                .setOutputPorts(mapping.ports(root.path("servers"), root.path("schema")))
                .setProductSchema(null)
                .setFields(fields)
                .setGuarantees(guarantees)
                .setRetentionMs(mapping.retentionMs())
                .setTags(textList(root.path("tags")))
                .setProperties(properties)
                .build();
        return new OdcsImport(contract, warnings);
    }

    private static ProductStatus status(String status, List<String> warnings) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "active", "production", "released" -> ProductStatus.ACTIVE;
            case "proposed", "draft", "development", "in development", "testing" -> ProductStatus.DRAFT;
            case "deprecated" -> ProductStatus.DEPRECATED;
            case "retired" -> ProductStatus.RETIRED;
            default -> {
                warnings.add("$.status '" + status + "' has no Meshwarden equivalent; imported as draft");
                yield ProductStatus.DRAFT;
            }
        };
    }

    static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? fallback : value.asText();
    }

    static List<String> textList(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    static String kebab(String text) {
        return text.trim().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = OdcsImporter.class.getResourceAsStream("odcs-json-schema-v3.1.0.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
