package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.governance.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports an Open Data Contract Standard (v3.0.x, v3.1.x) YAML document as Meshwarden contracts,
 * faithfully: the product id is {@code <domain>.<dataProduct or name>} exactly as written, a missing
 * steward stays missing, the classification is the document's own, so that governance judges what
 * the document says. Validates the document against the ODCS JSON Schema first (an invalid one is
 * refused naming the path and line); maps identity, status, team, custom properties, SLA
 * properties ({@link OdcsSla}), Kafka servers; derives each schema object's Avro schema from its
 * properties ({@link OdcsAvroSchema}), checked against an Avro schema the document also names
 * ({@link AvroAgreement}); and reads its quality rules ({@link OdcsQuality}).
 *
 * <p>Each schema object becomes one product (see docs/contracts.md): in Meshwarden a product is one
 * record type on its topics, while ODCS objects are distinct datasets with their own properties,
 * so several ports of one product could not carry them. A document with one object (or none) is
 * the product its {@code dataProduct} or {@code name} names; with several, each product is named
 * {@code <domain>.<object name>}. Whatever has no place in a contract is a warning naming its path.
 */
public final class OdcsImporter {
    /** The custom property that names the Avro schema of a schema object (inline JSON or a .avsc file beside the document). */
    static final String AVRO_SCHEMA = "avroSchema";
    /** Property holding the document's {@code name} when {@code dataProduct} names the product. */
    static final String NAME = "odcs.name";
    /** Property holding the document's product name when its schema objects become products of their own. */
    static final String DATA_PRODUCT = "odcs.dataProduct";
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final String[] MAPPED = {"apiVersion", "kind", "id", "name", "version", "status", "domain", "dataProduct",
            "description", "team", "roles", "schema", "slaProperties", "servers", "tags", "customProperties",
            "authoritativeDefinitions"};

    private OdcsImporter() {
    }

    /** Whether {@code text} is an ODCS document ({@code kind: DataContract}, however quoted); false for anything else. */
    public static boolean recognises(String text) {
        try {
            JsonNode root = YAML.readTree(text);
            return root != null && root.isObject() && "DataContract".equals(root.path("kind").asText());
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** @param defaultDomain the domain for documents that name none (null: such documents are refused) */
    public static OdcsImport importContract(String file, String text, String defaultDomain) {
        YamlDocument<JsonNode> document = YamlDocument.readTree(file, text);
        JsonNode root = document.value();
        OdcsSchema.firstError(root).ifPresent(error -> {
            throw document.error(error[0], "not a valid ODCS v3 document: " + error[1]);
        });
        OdcsMapping.checkKafkaProperties(document, root);
        List<String> warnings = new ArrayList<>();
        OdcsMapping.unmapped(warnings, "$", root, MAPPED);
        if (OdcsSchema.newerPatch(root.path("apiVersion").asText(null))) {
            warnings.add("$.apiVersion " + root.path("apiVersion").asText() + " is newer than the bundled ODCS JSON Schema;"
                    + " checked against " + OdcsSchema.API_VERSION);
        }
        String domain = text(root, "domain", defaultDomain);
        if (domain == null) {
            throw document.error("$.domain", "missing; Meshwarden places every product in a domain (add 'domain:' or pass a default domain)");
        }
        JsonNode schema = root.path("schema");
        String product = text(root, "dataProduct", text(root, "name", schema.size() == 1 ? schema.get(0).path("name").asText(null) : null));
        if (product == null && schema.size() < 2) {
            throw document.error("$.name", "missing; neither name, dataProduct nor a schema object names the product");
        }
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("odcs.id", root.path("id").asText());
        String contractName = text(root, "name", null);
        if (root.hasNonNull("dataProduct") && contractName != null && !contractName.equals(product)) {
            shared.put(NAME, contractName); // the contract's own name, beside the product's
        }
        if (schema.size() > 1 && product != null) {
            shared.put(DATA_PRODUCT, product); // each object is a product; this names the product they came from
        }
        OdcsMapping mapping = new OdcsMapping(warnings, shared);
        Ownership owner = mapping.owner(root.path("team"));
        mapping.roles(root.path("roles"));
        mapping.customProperties(root.path("customProperties"), "$.customProperties");
        JsonNode description = root.path("description");
        OdcsMapping.unmapped(warnings, "$.description", description, "purpose", "usage", "limitations");
        for (String part : List.of("usage", "limitations")) {
            if (description.hasNonNull(part)) {
                shared.put("odcs.description." + part, description.path(part).asText());
            }
        }
        OdcsSla sla = new OdcsSla(warnings, shared);
        QualityGuarantees guarantees = sla.guarantees(root.path("slaProperties"));
        mapping.serverKeys(root.path("servers"));
        io.meshwarden.avro.ProductStatus status = mapping.status(root.path("status").asText());
        String documentation = mapping.documentation(root.path("authoritativeDefinitions"));
        java.util.function.Supplier<DataProductContract.Builder> common = () -> DataProductContract.newBuilder()
                .setDomain(domain)
                .setVersion(root.path("version").asText())
                .setStatus(status)
                .setOwner(owner)
                .setDocumentationUrl(documentation)
                .setGuarantees(guarantees)
                .setRetentionMs(sla.retentionMs())
                .setUpstreamProducts(upstream(OdcsMapping.customProperty(root.path("customProperties"), "upstreamProducts")))
                .setTags(textList(root.path("tags")))
                .setSourcePlatform(OdcsMapping.customProperty(root.path("customProperties"), "sourcePlatform"))
                .setSunsetDate(OdcsMapping.customProperty(root.path("customProperties"), "sunsetDate"))
                .setSuccessor(OdcsMapping.customProperty(root.path("customProperties"), "successor"));
        OdcsObject objects = new OdcsObject(document, warnings, mapping, shared);
        List<DataProductContract> contracts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < Math.max(1, schema.size()); i++) {
            boolean several = schema.size() > 1;
            String name = several ? schema.get(i).path("name").asText() : product;
            DataProductContract contract = objects.product(common.get(), schema.path(i),
                    "$.schema[" + i + "]", !several).setId(domain + "." + name).setName(name)
                    .setDescription(text(description, "purpose", schema.path(i).path("description").asText(null))).build();
            if (!ids.add(contract.getId())) {
                throw document.error("$.schema[" + i + "].name", "a second schema object named '" + name + "'; each becomes a product");
            }
            contracts.add(contract);
        }
        return new OdcsImport(contracts, warnings);
    }

    /** Upstream products as a list (a YAML list, or text separated by commas). */
    private static List<String> upstream(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String list = value.replaceAll("^\\[|]$", "");
        return Arrays.stream(list.split(",")).map(s -> s.trim().replaceAll("^\"|\"$", "")).filter(s -> !s.isEmpty()).toList();
    }

    /** The classification the document states for a product: its custom property, else the highest of its fields. */
    static Classification classification(Classification declared, List<Classification> ofFields, List<String> warnings, String path) {
        if (declared != null) {
            return declared;
        }
        return ofFields.stream().max(Classification::compareTo).orElseGet(() -> {
            warnings.add(path + " states no classification (no custom property 'classification', no classified property);"
                    + " the contract's default, internal, applies");
            return Classification.INTERNAL;
        });
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

    /** A scalar as its text, a list or mapping as its JSON, a null as empty text. */
    static String scalar(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
