package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes any contract (Meshwarden's own YAML, an imported ODCS document, a catalog entry) as an
 * ODCS v3.1.0 document, the inverse of {@link OdcsImporter}: importing the export gives the same
 * contract. The document is checked against the bundled ODCS JSON Schema before it is returned.
 * Where ODCS types cannot say exactly what the product's Avro schema says (an enum, a map, names
 * of nested records), the schema travels as the object's custom property {@code avroSchema}, which
 * the importer checks against the properties; what cannot be written at all is a warning.
 */
public final class OdcsExporter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper YAML = new YAMLMapper().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS);

    /** The document as YAML, and what could not be written, each naming the contract part. */
    public record Export(String yaml, JsonNode document, List<String> warnings) {
        public Export {
            warnings = List.copyOf(warnings);
        }
    }

    private final DataProductContract contract;
    private final List<String> warnings = new ArrayList<>();

    private OdcsExporter(DataProductContract contract) {
        this.contract = contract;
    }

    /** @param kafkaHost the bootstrap servers to name on a port whose contract names none (ODCS requires a host) */
    public static Export export(DataProductContract contract, String kafkaHost) {
        OdcsExporter exporter = new OdcsExporter(contract);
        ObjectNode document = exporter.document(kafkaHost);
        OdcsSchema.firstError(document).ifPresent(error -> {
            throw new IllegalStateException("the ODCS export of " + contract.getId() + " is not valid ODCS at " + error[0] + ": " + error[1]);
        });
        try {
            return new Export(YAML.writeValueAsString(document), document, exporter.warnings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode document(String kafkaHost) {
        Map<String, String> properties = contract.getProperties();
        ObjectNode root = NODES.objectNode().put("apiVersion", OdcsSchema.API_VERSION).put("kind", "DataContract")
                .put("id", properties.getOrDefault("odcs.id", contract.getId()))
                .put("version", contract.getVersion())
                .put("status", contract.getStatus().name().toLowerCase(Locale.ROOT)).put("domain", contract.getDomain());
        names(root, properties);
        description(root, properties);
        if (contract.getDocumentationUrl() != null) {
            root.putArray("authoritativeDefinitions").addObject().put("url", contract.getDocumentationUrl()).put("type", "documentation");
        }
        if (!contract.getTags().isEmpty()) {
            contract.getTags().forEach(root.putArray("tags")::add);
        }
        team(root);
        roles(root, properties);
        servers(root, properties, kafkaHost);
        root.set("schema", new OdcsSchemaExport(contract, warnings).objects());
        ArrayNode sla = OdcsSlaExport.slaProperties(contract, properties);
        if (!sla.isEmpty()) {
            root.set("slaProperties", sla);
        }
        customProperties(root, properties);
        return root;
    }

    /** {@code name}, and {@code dataProduct} where the product's name is not the contract's, so that the id comes back. */
    private void names(ObjectNode root, Map<String, String> properties) {
        String prefix = contract.getDomain() + ".";
        String product = contract.getId().startsWith(prefix) ? contract.getId().substring(prefix.length()) : contract.getId();
        if (properties.containsKey(OdcsImporter.NAME)) {
            root.put("name", properties.get(OdcsImporter.NAME)).put("dataProduct", product);
        } else if (product.equals(contract.getName())) {
            root.put("name", product);
        } else {
            root.put("name", contract.getName()).put("dataProduct", product);
            warnings.add("id " + contract.getId() + " is not <domain>.<name>; written as dataProduct, which the importer also reads as the name");
        }
        if (!contract.getId().startsWith(prefix)) {
            warnings.add("id " + contract.getId() + " does not start with its domain " + contract.getDomain()
                    + "; importing the export gives " + prefix + product);
        }
    }

    private void description(ObjectNode root, Map<String, String> properties) {
        ObjectNode description = NODES.objectNode();
        if (contract.getDescription() != null) {
            description.put("purpose", contract.getDescription());
        }
        for (String part : List.of("usage", "limitations")) {
            if (properties.containsKey("odcs.description." + part)) {
                description.put(part, properties.get("odcs.description." + part));
            }
        }
        if (!description.isEmpty()) {
            root.set("description", description);
        }
    }

    private void team(ObjectNode root) {
        String team = contract.getOwner().getTeam();
        String steward = contract.getOwner().getSteward();
        if (team == null && steward == null) {
            return;
        }
        ObjectNode node = root.putObject("team");
        if (team != null) {
            node.put("name", team);
        }
        if (steward != null) {
            node.putArray("members").addObject().put("username", steward).put("role", "steward");
        }
    }

    private static void roles(ObjectNode root, Map<String, String> properties) {
        ArrayNode roles = NODES.arrayNode();
        properties.forEach((key, access) -> {
            if (key.startsWith("odcs.role.")) {
                ObjectNode role = roles.addObject().put("role", key.substring("odcs.role.".length()));
                if (!access.isEmpty()) {
                    role.put("access", access);
                }
            }
        });
        if (!roles.isEmpty()) {
            root.set("roles", roles);
        }
    }

    private void servers(ObjectNode root, Map<String, String> properties, String kafkaHost) {
        if (contract.getOutputPorts().isEmpty()) {
            return;
        }
        String topic = contract.getOutputPorts().get(0).getTopic();
        ArrayNode servers = root.putArray("servers");
        for (OutputPort port : contract.getOutputPorts()) {
            ObjectNode server = servers.addObject().put("server", port.getName()).put("type", "kafka")
                    .put("host", properties.getOrDefault("odcs.server." + port.getName() + ".host", kafkaHost))
                    .put("format", port.getFormat());
            ArrayNode custom = NODES.arrayNode();
            if (!port.getTopic().equals(topic)) {
                custom.addObject().put("property", "topic").put("value", port.getTopic());
            }
            if (port.getClassification() != null) {
                custom.addObject().put("property", "classification").put("value", port.getClassification().name().toLowerCase(Locale.ROOT));
            }
            if (!custom.isEmpty()) {
                server.set("customProperties", custom);
            }
        }
    }

    private void customProperties(ObjectNode root, Map<String, String> properties) {
        ArrayNode custom = NODES.arrayNode();
        custom.addObject().put("property", "classification").put("value", contract.getClassification().name().toLowerCase(Locale.ROOT));
        if (contract.getSourcePlatform() != null) {
            custom.addObject().put("property", "sourcePlatform").put("value", contract.getSourcePlatform());
        }
        if (!contract.getUpstreamProducts().isEmpty()) {
            ArrayNode upstream = custom.addObject().put("property", "upstreamProducts").putArray("value");
            contract.getUpstreamProducts().forEach(upstream::add);
        }
        if (contract.getSunsetDate() != null) {
            custom.addObject().put("property", "sunsetDate").put("value", contract.getSunsetDate());
        }
        if (contract.getSuccessor() != null) {
            custom.addObject().put("property", "successor").put("value", contract.getSuccessor());
        }
        properties.forEach((key, value) -> {
            boolean structural = key.equals("odcs.id") || key.equals(OdcsImporter.NAME) || key.startsWith("odcs.role.") || key.startsWith(OdcsSla.PREFIX)
                    || key.startsWith("odcs.description.") || (key.startsWith("odcs.server.") && key.endsWith(".host"));
            if (!structural) {
                custom.addObject().put("property", key).put("value", value);
            }
        });
        root.set("customProperties", custom);
    }
}
