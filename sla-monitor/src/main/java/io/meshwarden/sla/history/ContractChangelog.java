package io.meshwarden.sla.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What changed between two versions of a contract, field by field of its plain JSON: a list of names
 * (upstream products, tags) as the names added and removed; a list of records with names (fields,
 * output ports) as the records added, removed and changed, by name; anything else as its value
 * before and after (JSON text). Written by hand: the governance module's contract diff judges
 * compatibility, and the SLA monitor imports only the schemas.
 */
public final class ContractChangelog {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One change: the field (or {@code field[name]}), ADDED, REMOVED or CHANGED, and the values as JSON text. */
    @Serdeable
    public record Change(String field, String kind, String before, String after) {
    }

    private ContractChangelog() {
    }

    /** The changes from {@code before} to {@code after}; every field as ADDED when there is no version before. */
    public static List<Change> between(String before, String after) {
        JsonNode old = before == null ? JSON.createObjectNode() : read(before);
        JsonNode now = read(after);
        List<Change> changes = new ArrayList<>();
        TreeSet<String> fields = new TreeSet<>();
        old.fieldNames().forEachRemaining(fields::add);
        now.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode a = old.path(field);
            JsonNode b = now.path(field);
            if (!a.equals(b)) {
                compare(field, a, b, changes);
            }
        }
        return changes;
    }

    private static void compare(String field, JsonNode a, JsonNode b, List<Change> changes) {
        if (a.isArray() && b.isArray() && scalars(a) && scalars(b)) {
            List<String> was = texts(a);
            List<String> is = texts(b);
            is.stream().filter(value -> !was.contains(value)).forEach(value -> changes.add(new Change(field, "ADDED", null, value)));
            was.stream().filter(value -> !is.contains(value)).forEach(value -> changes.add(new Change(field, "REMOVED", value, null)));
        } else if (a.isArray() && b.isArray() && named(a) && named(b)) {
            Map<String, JsonNode> was = byName(a);
            Map<String, JsonNode> is = byName(b);
            is.forEach((name, node) -> {
                JsonNode previous = was.get(name);
                if (previous == null) {
                    changes.add(new Change(field + "[" + name + "]", "ADDED", null, node.toString()));
                } else if (!previous.equals(node)) {
                    changes.add(new Change(field + "[" + name + "]", "CHANGED", previous.toString(), node.toString()));
                }
            });
            was.forEach((name, node) -> {
                if (!is.containsKey(name)) {
                    changes.add(new Change(field + "[" + name + "]", "REMOVED", node.toString(), null));
                }
            });
        } else {
            String kind = absent(a) ? "ADDED" : absent(b) ? "REMOVED" : "CHANGED";
            changes.add(new Change(field, kind, absent(a) ? null : text(a), absent(b) ? null : text(b)));
        }
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull() || (node.isContainerNode() && node.isEmpty());
    }

    private static boolean scalars(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static boolean named(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> byName(JsonNode array) {
        Map<String, JsonNode> named = new LinkedHashMap<>();
        array.forEach(element -> named.put(element.get("name").asText(), element));
        return named;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(text(element)));
        return texts;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored contract version is not JSON: " + e.getMessage(), e);
        }
    }
}
