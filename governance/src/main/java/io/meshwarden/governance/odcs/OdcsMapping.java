package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.avro.Classification;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.governance.contract.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The parts of an ODCS document that map onto contract parts; collects warnings for the rest. */
final class OdcsMapping {
    private final List<String> warnings;
    private final Map<String, String> properties;
    private Long retentionMs;

    OdcsMapping(List<String> warnings, Map<String, String> properties) {
        this.warnings = warnings;
        this.properties = properties;
    }

    Long retentionMs() {
        return retentionMs;
    }

    /** The first schema object's properties become the fields; further objects are reported, not merged. */
    List<FieldSpec> fields(JsonNode schema) {
        for (int i = 1; i < schema.size(); i++) {
            warnings.add("$.schema[" + i + "] ('" + schema.get(i).path("name").asText() + "') is a second object; a"
                    + " Meshwarden contract describes one record, so only $.schema[0] is imported");
        }
        List<FieldSpec> fields = new ArrayList<>();
        JsonNode properties = schema.path(0).path("properties");
        for (int i = 0; i < properties.size(); i++) {
            JsonNode property = properties.get(i);
            String path = "$.schema[0].properties[" + i + "]";
            List<String> tags = OdcsImporter.textList(property.path("tags"));
            fields.add(FieldSpec.newBuilder()
                    .setName(property.path("name").asText())
                    .setDescription(OdcsImporter.text(property, "description", OdcsImporter.text(property, "businessName", null)))
                    .setRequired(property.path("required").asBoolean(false))
                    .setPii(tags.stream().anyMatch(t -> t.equalsIgnoreCase("pii")))
                    .setClassification(classification(property.path("classification").asText(null), path))
                    .build());
        }
        return fields;
    }

    Ownership owner(JsonNode team) {
        JsonNode members = team.isArray() ? team : team.path("members");
        String owner = member(members, "owner").orElse(null);
        return Ownership.newBuilder().setTeam(OdcsImporter.text(team, "name", owner))
                .setSteward(member(members, "steward").orElse(owner)).build();
    }

    private static Optional<String> member(JsonNode members, String role) {
        for (JsonNode member : members) {
            if (member.path("role").asText("").toLowerCase(Locale.ROOT).contains(role) && !member.has("dateOut")) {
                return Optional.of(member.path("username").asText());
            }
        }
        return Optional.empty();
    }

    String documentation(JsonNode root) {
        for (JsonNode definition : root.path("authoritativeDefinitions")) {
            return definition.path("url").asText(null);
        }
        return null;
    }

    /** Access roles are kept as properties {@code odcs.role.<role>} = access. */
    void roles(JsonNode roles) {
        roles.forEach(role -> properties.put("odcs.role." + role.path("role").asText(), role.path("access").asText("")));
    }

    void customProperties(JsonNode custom, String prefix) {
        custom.forEach(p -> properties.put(prefix + p.path("property").asText(), p.path("value").toString().replaceAll("^\"|\"$", "")));
    }

    QualityGuarantees guarantees(JsonNode sla, JsonNode schema) {
        QualityGuarantees guarantees = new QualityGuarantees();
        for (int i = 0; i < sla.size(); i++) {
            JsonNode property = sla.get(i);
            String name = property.path("property").asText();
            String path = "$.slaProperties[" + i + "]";
            switch (name) {
                case "latency", "frequency" -> duration(property, path).ifPresent(d -> {
                    long ms = d.toMillis();
                    if (guarantees.getFreshnessMaxAgeMs() == null || ms > guarantees.getFreshnessMaxAgeMs()) {
                        guarantees.setFreshnessMaxAgeMs(ms); // the looser of the two is what consumers can count on
                    }
                });
                case "retention" -> duration(property, path).ifPresent(d -> retentionMs = d.toMillis());
                case "availability" -> guarantees.setAvailabilityPercent(property.path("value").asDouble());
                default -> properties.put("odcs.sla." + name + (property.has("driver") ? "." + property.path("driver").asText() : ""),
                        property.path("value").asText());
            }
        }
        completeness(schema, guarantees);
        boolean none = guarantees.getFreshnessMaxAgeMs() == null && guarantees.getAvailabilityPercent() == null
                && guarantees.getCompletenessPercent() == null;
        return none ? null : guarantees;
    }

    /** A "no nulls" check on any column of the first object is a completeness guarantee of 100%. */
    private void completeness(JsonNode schema, QualityGuarantees guarantees) {
        JsonNode object = schema.path(0);
        for (int p = 0; p < object.path("properties").size(); p++) {
            JsonNode checks = object.path("properties").get(p).path("quality");
            for (int q = 0; q < checks.size(); q++) {
                JsonNode check = checks.get(q);
                String path = "$.schema[0].properties[" + p + "].quality[" + q + "]";
                if ("nullValues".equals(check.path("metric").asText()) && check.path("mustBe").asInt(-1) == 0) {
                    guarantees.setCompletenessPercent(100.0);
                } else {
                    warnings.add(path + " (" + check.path("metric").asText("custom") + ", " + check.path("dimension").asText("?")
                            + ") has no Meshwarden equivalent and is not imported");
                }
            }
        }
        for (int q = 0; q < object.path("quality").size(); q++) {
            warnings.add("$.schema[0].quality[" + q + "] (" + object.path("quality").get(q).path("metric").asText("custom")
                    + ") is an object-level check Meshwarden does not evaluate; not imported");
        }
    }

    List<OutputPort> ports(JsonNode servers, JsonNode schema) {
        List<OutputPort> ports = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            JsonNode server = servers.get(i);
            if (!"kafka".equals(server.path("type").asText())) {
                warnings.add("$.servers[" + i + "] ('" + server.path("server").asText() + "', " + server.path("type").asText()
                        + ") is not a Kafka server, so not an output port; not imported");
                continue;
            }
            String topic = OdcsImporter.text(schema.path(0), "physicalName", schema.path(0).path("name").asText("unknown"));
            ports.add(OutputPort.newBuilder().setName(server.path("server").asText()).setTopic(topic)
                    .setFormat(server.path("format").asText("avro")).setClassification(null).build());
            properties.put("odcs.server." + server.path("server").asText() + ".host", server.path("host").asText(""));
        }
        return ports;
    }

    private Optional<Duration> duration(JsonNode property, String path) {
        String unit = switch (property.path("unit").asText("d").toLowerCase(Locale.ROOT)) {
            case "d", "day", "days" -> "d";
            case "y", "yr", "year", "years" -> "y";
            case "h", "hour", "hours" -> "h";
            case "m", "min", "minute", "minutes" -> "m";
            case "s", "sec", "second", "seconds" -> "s";
            default -> null;
        };
        Optional<Duration> duration = unit == null ? Optional.empty()
                : Durations.parse(property.path("value").asText() + unit);
        if (duration.isEmpty()) {
            warnings.add(path + " (" + property.path("property").asText() + " " + property.path("value").asText() + " "
                    + property.path("unit").asText("") + ") is not a duration Meshwarden reads; not imported");
        }
        return duration;
    }

    private Classification classification(String text, String path) {
        if (text == null) {
            return null;
        }
        try {
            return Classification.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            warnings.add(path + ".classification '" + text + "' is not public, internal, confidential or restricted; not imported");
            return null;
        }
    }
}
