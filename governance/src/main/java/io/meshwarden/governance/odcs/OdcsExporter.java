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
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.governance.contract.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;

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
                .put("name", contract.getName()).put("version", contract.getVersion())
                .put("status", contract.getStatus().name().toLowerCase(Locale.ROOT)).put("domain", contract.getDomain());
        if (!contract.getId().equals(contract.getDomain() + "." + contract.getName())) {
            String prefix = contract.getDomain() + ".";
            root.put("dataProduct", contract.getId().startsWith(prefix) ? contract.getId().substring(prefix.length()) : contract.getId());
            warnings.add("id " + contract.getId() + " is not <domain>.<name>; written as dataProduct, which the importer also reads as the name");
        }
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
        slaProperties(root, properties);
        customProperties(root, properties);
        return root;
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

    private void slaProperties(ObjectNode root, Map<String, String> properties) {
        ArrayNode sla = NODES.arrayNode();
        QualityGuarantees g = contract.getGuarantees();
        if (g != null) {
            percent(sla, "completeness", g.getCompletenessPercent());
            duration(sla, "latency", g.getFreshnessMaxAgeMs());
            percent(sla, "availability", g.getAvailabilityPercent());
            percent(sla, "accuracyTolerance", g.getAccuracyTolerancePercent());
            duration(sla, "window", g.getWindowMs());
            duration(sla, "frequency", g.getFrequencyMs());
            duration(sla, "timeToDetect", g.getTimeToDetectMs());
            duration(sla, "timeToNotify", g.getTimeToNotifyMs());
        }
        duration(sla, "retention", contract.getRetentionMs());
        properties.forEach((key, value) -> {
            if (key.startsWith(OdcsSla.PREFIX)) {
                sla.add(keptSlaProperty(key.substring(OdcsSla.PREFIX.length()), value));
            }
        });
        if (!sla.isEmpty()) {
            root.set("slaProperties", sla);
        }
    }

    private static ObjectNode keptSlaProperty(String key, String value) {
        int dot = key.indexOf('.');
        ObjectNode entry = NODES.objectNode().put("property", dot < 0 ? key : key.substring(0, dot));
        JsonNode parsed = null;
        if (value.startsWith("{")) {
            try {
                parsed = new ObjectMapper().readTree(value);
            } catch (JsonProcessingException e) {
                parsed = null; // a value that merely starts with a brace
            }
        }
        if (parsed instanceof ObjectNode fields && fields.has("value")) {
            entry.setAll(fields);
        } else {
            entry.put("value", value);
        }
        if (dot >= 0) {
            entry.put("driver", key.substring(dot + 1));
        }
        return entry;
    }

    private static void percent(ArrayNode sla, String property, Double value) {
        if (value != null) {
            ObjectNode entry = sla.addObject().put("property", property);
            OdcsSchemaExport.number(entry, "value", value);
            entry.put("unit", "percent");
        }
    }

    private static void duration(ArrayNode sla, String property, Long ms) {
        if (ms != null) {
            String[] amount = Durations.amountAndUnit(Duration.ofMillis(ms));
            sla.addObject().put("property", property).put("value", Long.parseLong(amount[0])).put("unit", amount[1]);
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
            boolean structural = key.equals("odcs.id") || key.startsWith("odcs.role.") || key.startsWith(OdcsSla.PREFIX)
                    || key.startsWith("odcs.description.") || (key.startsWith("odcs.server.") && key.endsWith(".host"));
            if (!structural) {
                custom.addObject().put("property", key).put("value", value);
            }
        });
        root.set("customProperties", custom);
    }
}
