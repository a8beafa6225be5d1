package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.QualityUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Writes quality rules back as ODCS {@code quality[]} entries, the inverse of {@link OdcsQuality}. */
final class OdcsQualityExport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OdcsQualityExport() {
    }

    /** The entries of the rules on {@code field} (null: the object's own rules), in the contract's order. */
    static ArrayNode rules(List<QualityRule> all, String field) {
        ArrayNode rules = NODES.arrayNode();
        for (QualityRule rule : all) {
            if (Objects.equals(rule.getField(), field)) {
                rules.add(rule(rule));
            }
        }
        return rules;
    }

    private static ObjectNode rule(QualityRule rule) {
        ObjectNode entry = NODES.objectNode();
        switch (rule.getMetric()) {
            case "sql" -> entry.put("type", "sql").put("query", rule.getDefinition());
            case "custom" -> entry.put("type", "custom").put("engine", rule.getEngine()).put("implementation", rule.getDefinition());
            case "text" -> entry.put("type", "text");
            default -> {
                entry.put("metric", rule.getMetric());
                ObjectNode arguments = NODES.objectNode();
                if (!rule.getValues().isEmpty()) {
                    ArrayNode values = arguments.putArray(rule.getMetric().equals("missingValues") ? "missingValues" : "validValues");
                    rule.getValues().forEach(values::add);
                }
                if (rule.getPattern() != null) {
                    arguments.put("pattern", rule.getPattern());
                }
                if (!arguments.isEmpty()) {
                    entry.set("arguments", arguments);
                }
            }
        }
        if (rule.getOperator() != null) {
            if (rule.getOperator().endsWith("Between")) {
                ArrayNode bounds = entry.putArray(rule.getOperator());
                number(bounds, rule.getThreshold());
                number(bounds, rule.getThresholdHigh());
            } else {
                number(entry, rule.getOperator(), rule.getThreshold());
            }
        }
        if (!rule.getMetric().equals("text") || rule.getUnit() != QualityUnit.ROWS) {
            entry.put("unit", rule.getUnit().name().toLowerCase(Locale.ROOT));
        }
        putIfSet(entry, "dimension", rule.getDimension());
        putIfSet(entry, "description", rule.getDescription());
        putIfSet(entry, "severity", rule.getSeverity());
        return entry;
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    /** A whole number as an integer (0, not 0.0), any other as a decimal. */
    static void number(ObjectNode node, String key, Double value) {
        node.set(key, numberNode(value));
    }

    private static void number(ArrayNode node, Double value) {
        node.add(numberNode(value));
    }

    private static JsonNode numberNode(Double value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
    }
}
