package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.avro.Classification;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.governance.policy.Strictness;
import io.meshwarden.governance.properties.InvalidContractProperty;
import io.meshwarden.governance.provisioning.TopicProperties;
import io.meshwarden.governance.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an ODCS document that map onto contract parts other than the schema, the SLA and
 * the quality rules: status, team, roles, custom properties, documentation link and Kafka servers.
 * Collects a warning, naming its path, for everything it cannot place.
 */
final class OdcsMapping {
    /** Custom properties that are contract fields in Meshwarden, read into those fields rather than into properties. */
    static final Set<String> CONTRACT_FIELDS = Set.of("classification", "sourcePlatform", "upstreamProducts", "sunsetDate",
            "successor", OdcsImporter.AVRO_SCHEMA);

    private final List<String> warnings;
    private final Map<String, String> properties;

    OdcsMapping(List<String> warnings, Map<String, String> properties) {
        this.warnings = warnings;
        this.properties = properties;
    }

    /** Warns about every key of {@code node} (at {@code path}) that is not one of {@code mapped}. */
    static void unmapped(List<String> warnings, String path, JsonNode node, String... mapped) {
        Set<String> known = Set.of(mapped);
        List<String> rest = new ArrayList<>();
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                rest.add(key);
            }
        });
        if (!rest.isEmpty()) {
            warnings.add(path + ": " + String.join(", ", rest) + (rest.size() == 1 ? " has" : " have")
                    + " no place in a Meshwarden contract; not imported");
        }
    }

    ProductStatus status(String status) {
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

    /**
     * The team: its name (v3.1), or, in the v3.0 form that has none, the member whose role is owner;
     * the steward is the member in post whose role names a steward, and nobody else. Other members
     * are listed in a warning: a contract names only its team and steward.
     */
    Ownership owner(JsonNode team) {
        boolean array = team.isArray();
        JsonNode members = array ? team : team.path("members");
        String path = array ? "$.team" : "$.team.members";
        if (!array) {
            unmapped(warnings, "$.team", team, "name", "members");
        }
        int owner = member(members, "owner");
        int steward = member(members, "steward");
        List<String> others = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (i != steward && !(i == owner && !team.hasNonNull("name"))) {
                others.add(path + "[" + i + "] (" + members.get(i).path("username").asText() + ", "
                        + members.get(i).path("role").asText("no role") + ")");
            }
        }
        if (!others.isEmpty()) {
            warnings.add(String.join(", ", others) + ": a contract names only its team and steward; not imported");
        }
        String teamName = OdcsImporter.text(team, "name", owner < 0 ? null : members.get(owner).path("username").asText());
        return Ownership.newBuilder().setTeam(teamName)
                .setSteward(steward < 0 ? null : members.get(steward).path("username").asText()).build();
    }

    private static int member(JsonNode members, String role) {
        for (int i = 0; i < members.size(); i++) {
            JsonNode member = members.get(i);
            if (member.path("role").asText("").toLowerCase(Locale.ROOT).contains(role) && !member.has("dateOut")) {
                return i;
            }
        }
        return -1;
    }

    /** The first authoritative definition is the documentation link; the others are warnings. */
    String documentation(JsonNode definitions) {
        for (int i = 1; i < definitions.size(); i++) {
            warnings.add("$.authoritativeDefinitions[" + i + "] (" + definitions.get(i).path("url").asText()
                    + "): a contract has one documentation link, $.authoritativeDefinitions[0]; not imported");
        }
        return definitions.isEmpty() ? null : definitions.get(0).path("url").asText(null);
    }

    /** Access roles are kept as properties {@code odcs.role.<role>} = access. */
    void roles(JsonNode roles) {
        for (int i = 0; i < roles.size(); i++) {
            JsonNode role = roles.get(i);
            properties.put("odcs.role." + role.path("role").asText(), role.path("access").asText(""));
            unmapped(warnings, "$.roles[" + i + "]", role, "role", "access");
        }
    }

    /** Custom properties under their own names, except those that are contract fields ({@link #CONTRACT_FIELDS}). */
    void customProperties(JsonNode custom, String path) {
        for (int i = 0; i < custom.size(); i++) {
            String name = custom.get(i).path("property").asText();
            if (CONTRACT_FIELDS.contains(name)) {
                continue;
            }
            String value = OdcsImporter.scalar(custom.get(i).path("value"));
            String previous = properties.put(name, value);
            if (previous != null && !previous.equals(value)) {
                warnings.add(path + "[" + i + "] (" + name + ") replaces the value '" + previous + "' of an earlier property of that name");
            }
            unmapped(warnings, path + "[" + i + "]", custom.get(i), "property", "value");
        }
    }

    /** The value of custom property {@code name}, or null. */
    static String customProperty(JsonNode custom, String name) {
        for (JsonNode property : custom) {
            if (name.equals(property.path("property").asText())) {
                return OdcsImporter.scalar(property.path("value"));
            }
        }
        return null;
    }

    Classification classification(String text, String path) {
        try {
            return Strictness.classification(text);
        } catch (IllegalArgumentException e) {
            warnings.add(path + " '" + text + "' is not public, internal, confidential or restricted; not imported");
            return null;
        }
    }

    /**
     * One output port per Kafka server, on the topic the schema object names as its
     * {@code physicalName} (or the server's custom property {@code topic}); the port's format is
     * the server's ({@code json}, ODCS's default, when it names none). A server whose custom property
 * {@code kafka.observed} is true opts its port into observed mode ({@link TopicProperties#OBSERVED_PORTS}).
     */
    List<OutputPort> ports(JsonNode servers, JsonNode object, String objectPath) {
        List<OutputPort> ports = new ArrayList<>();
        List<String> observedPorts = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            JsonNode server = servers.get(i);
            String path = "$.servers[" + i + "]";
            String name = server.path("server").asText();
            if (!"kafka".equals(server.path("type").asText())) {
                continue; // reported once by serverKeys
            }
            String topic = customProperty(server.path("customProperties"), "topic");
            topic = topic != null ? topic : OdcsImporter.text(object, "physicalName", null);
            if (topic == null) {
                warnings.add(path + " ('" + name + "'): " + objectPath + " names no physicalName, so no topic; no output port");
                continue;
            }
            String classification = customProperty(server.path("customProperties"), "classification");
            ports.add(OutputPort.newBuilder().setName(name).setTopic(topic).setFormat(server.path("format").asText("json"))
                    .setClassification(classification == null ? null : classification(classification,
                            path + ".customProperties.classification")).build());
            properties.put("odcs.server." + name + ".host", server.path("host").asText(""));
            String observed = customProperty(server.path("customProperties"), TopicProperties.OBSERVED);
            if (observed != null && TopicProperties.observed(observed)) {
                observedPorts.add(name);
            }
        }
        if (!observedPorts.isEmpty()) {
            properties.merge(TopicProperties.OBSERVED_PORTS, String.join(",", observedPorts), (declared, byServer) -> declared + "," + byServer);
        }
        return ports;
    }

    /**
     * Refuses, naming the line, a {@code kafka.*} custom property of the document or a {@code kafka.observed} of a Kafka
     * server that does not parse ({@link TopicProperties}), rather than leaving it to governance, which could only name
     * the contract property.
     */
    static void checkKafkaProperties(YamlDocument<JsonNode> document, JsonNode root) {
        JsonNode custom = root.path("customProperties");
        for (int i = 0; i < custom.size(); i++) {
            String name = custom.get(i).path("property").asText();
            if (name.startsWith(TopicProperties.PREFIX)) {
                check(document, "$.customProperties[" + i + "].value", name, custom.get(i).path("value"));
            }
        }
        JsonNode servers = root.path("servers");
        for (int s = 0; s < servers.size(); s++) {
            JsonNode properties = servers.get(s).path("customProperties");
            for (int i = 0; i < properties.size(); i++) {
                if (TopicProperties.OBSERVED.equals(properties.get(i).path("property").asText())) {
                    check(document, "$.servers[" + s + "].customProperties[" + i + "].value", TopicProperties.OBSERVED,
                            properties.get(i).path("value"));
                }
            }
        }
    }

    private static void check(YamlDocument<JsonNode> document, String path, String name, JsonNode value) {
        try {
            TopicProperties.of(Map.of(name, String.valueOf(OdcsImporter.scalar(value))));
        } catch (InvalidContractProperty e) {
            throw document.error(path, e.getMessage());
        }
    }

    /** Warns, once per server, about what a port does not keep. */
    void serverKeys(JsonNode servers) {
        for (int i = 0; i < servers.size(); i++) {
            JsonNode server = servers.get(i);
            if (!"kafka".equals(server.path("type").asText())) {
                warnings.add("$.servers[" + i + "] ('" + server.path("server").asText() + "', " + server.path("type").asText()
                        + ") is not a Kafka server, so not an output port; not imported");
            } else {
                unmapped(warnings, "$.servers[" + i + "]", servers.get(i), "server", "type", "host", "format", "customProperties");
                JsonNode custom = servers.get(i).path("customProperties");
                for (int c = 0; c < custom.size(); c++) {
                    if (!Set.of("topic", "classification", OdcsImporter.AVRO_SCHEMA, TopicProperties.OBSERVED)
                            .contains(custom.get(c).path("property").asText())) {
                        warnings.add("$.servers[" + i + "].customProperties[" + c + "] (" + custom.get(c).path("property").asText()
                                + ") has no place on an output port; not imported");
                    }
                }
            }
        }
    }
}
