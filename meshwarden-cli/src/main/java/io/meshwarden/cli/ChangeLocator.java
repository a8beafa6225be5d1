package io.meshwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.governance.diff.Change;
import io.meshwarden.governance.yaml.YamlDocument;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the line of a changed element in a contract file, Meshwarden YAML or ODCS, so that a CI
 * annotation points at it: a field by its name in {@code fields} or in an ODCS schema object's
 * {@code properties}, a port in {@code outputPorts} or {@code servers}, a guarantee under
 * {@code guarantees} or in {@code slaProperties}, a quality rule at the path it carries. An
 * element that is no longer there (a removed field) is reported at the section that held it.
 */
final class ChangeLocator {
    /** Meshwarden YAML's key under {@code guarantees}, and the ODCS {@code slaProperties} names, of each guarantee. */
    private static final Map<String, String> GUARANTEE_KEYS = Map.of("completeness", "completenessPercent",
            "availability", "availabilityPercent", "accuracy", "accuracyTolerancePercent");
    private static final Map<String, List<String>> SLA_NAMES = Map.of("freshness", List.of("latency", "freshness"),
            "retention", List.of("retention"), "availability", List.of("availability"), "frequency", List.of("frequency"),
            "timeToDetect", List.of("timetodetect"), "timeToNotify", List.of("timetonotify"), "completeness", List.of("completeness"));

    private final YamlDocument<JsonNode> document;
    private final JsonNode root;

    ChangeLocator(YamlDocument<JsonNode> document) {
        this.document = document;
        this.root = document.value();
    }

    String file() {
        return document.file();
    }

    int lineOfVersion() {
        return document.lineOf("$.version");
    }

    /** The line that names the product: {@code id} in Meshwarden YAML, {@code dataProduct} or {@code name} in ODCS. */
    int lineOfId() {
        boolean odcs = "DataContract".equals(root.path("kind").asText());
        for (String key : odcs ? List.of("dataProduct", "name", "domain") : List.of("id")) {
            if (root.has(key)) {
                return document.lineOf("$." + key);
            }
        }
        return 1;
    }

    int lineOf(Change.Element element) {
        return document.lineOf(pathOf(element));
    }

    private String pathOf(Change.Element element) {
        String name = element.name();
        return switch (element.part()) {
            case FIELD -> inList("$.fields", "name", name).or(() -> inSchemaObjects(name)).orElse(first("$.fields", "$.schema"));
            case PORT -> inList("$.outputPorts", "name", name).or(() -> inList("$.servers", "server", name))
                    .or(() -> inList("$.servers", "name", name)).orElse(first("$.outputPorts", "$.servers"));
            case GUARANTEE -> key("$.guarantees", GUARANTEE_KEYS.getOrDefault(name, name))
                    .or(() -> sla(name)).orElse(first("$.guarantees", "$.slaProperties"));
            case RETENTION -> key("$", "retention").or(() -> sla("retention")).orElse(first("$.slaProperties"));
            case CLASSIFICATION -> key("$", "classification").or(() -> inList("$.customProperties", "property", "classification"))
                    .orElse("$");
            case QUALITY_RULE -> name;
            case SCHEMA -> first("$.schema", "$.fields");
            case STATUS -> "$.status";
            case METADATA -> metadata(name);
        };
    }

    private String metadata(String name) {
        if (name.startsWith("properties.")) {
            String property = name.substring("properties.".length());
            return key("$.properties", property).or(() -> inList("$.customProperties", "property", property))
                    .orElse(first("$.properties", "$.customProperties"));
        }
        int dot = name.lastIndexOf('.');
        String mapping = dot < 0 ? "$" : "$." + name.substring(0, dot);
        return key(mapping, name.substring(dot + 1)).or(() -> name.startsWith("owner.") ? key("$", "team") : Optional.empty())
                .orElse("$." + name);
    }

    private Optional<String> inSchemaObjects(String field) {
        JsonNode objects = root.path("schema");
        for (int i = 0; i < objects.size(); i++) {
            Optional<String> found = inList("$.schema[" + i + "].properties", "name", field);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<String> sla(String guarantee) {
        for (String name : SLA_NAMES.getOrDefault(guarantee, List.of())) {
            JsonNode list = root.path("slaProperties");
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).path("property").asText("").toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return Optional.of("$.slaProperties[" + i + "]");
                }
            }
        }
        return Optional.empty();
    }

    /** The path of the item of the list at {@code listPath} whose {@code key} is {@code value}. */
    private Optional<String> inList(String listPath, String key, String value) {
        JsonNode list = at(listPath);
        for (int i = 0; i < list.size(); i++) {
            if (value != null && value.equals(list.get(i).path(key).asText(null))) {
                return Optional.of(listPath + "[" + i + "]");
            }
        }
        return Optional.empty();
    }

    private Optional<String> key(String mappingPath, String key) {
        JsonNode mapping = at(mappingPath);
        return mapping.isObject() && mapping.has(key) ? Optional.of((mappingPath + "." + key)) : Optional.empty();
    }

    private String first(String... paths) {
        for (String path : paths) {
            if (!at(path).isMissingNode()) {
                return path;
            }
        }
        return "$";
    }

    /** The node at a path of the form {@code $.schema[0].properties}; missing when there is none. */
    private JsonNode at(String path) {
        JsonNode node = root;
        for (String segment : path.substring(1).split("(?=[.\\[])")) {
            if (segment.isEmpty()) {
                continue;
            }
            node = segment.startsWith("[") ? node.path(Integer.parseInt(segment.substring(1, segment.length() - 1)))
                    : node.path(segment.substring(1));
        }
        return node;
    }
}
