package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.QualityUnit;
import io.meshwarden.governance.text.LinearPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps the {@code quality[]} entries of a schema object and of its properties onto quality rules,
 * each named by its path in the document ({@code $.schema[0].properties[2].quality[0]}): the
 * library metric (or the deprecated {@code rule} key of v3.0), its operator and threshold, unit
 * rows or percent, the {@code missingValues} or {@code validValues} list and the {@code pattern}
 * argument. {@code sql} rules keep their query and {@code custom} rules their engine and
 * implementation as {@code definition}; {@code text} rules their description. Keys with no place
 * in a rule are warnings; a rule that cannot be read as written (an unknown unit, a non-numeric
 * threshold) is a warning and not imported, never read as something else.
 */
final class OdcsQuality {
    static final List<String> OPERATORS = List.of("mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo",
            "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeBetween", "mustNotBeBetween");
    private static final String[] MAPPED = {"type", "metric", "rule", "arguments", "unit", "dimension", "description",
            "severity", "query", "engine", "implementation", "mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo",
            "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeBetween", "mustNotBeBetween"};

    private final List<String> warnings;

    OdcsQuality(List<String> warnings) {
        this.warnings = warnings;
    }

    /**
     * The rules of one schema object at {@code path}: its own, then its properties' in order, each
     * property's followed by those of the properties nested in it. A nested property's rules check
     * the field at its dotted path ({@code address.city}), the path metric events count it under too.
     */
    List<QualityRule> rules(JsonNode object, String path) {
        List<QualityRule> rules = new ArrayList<>(rules(object.path("quality"), path, null));
        properties(object.path("properties"), path, "", rules);
        return rules;
    }

    private void properties(JsonNode properties, String path, String prefix, List<QualityRule> rules) {
        for (int p = 0; p < properties.size(); p++) {
            JsonNode property = properties.get(p);
            String at = path + ".properties[" + p + "]";
            String name = property.path("name").asText();
            if (name.contains(".") && hasRules(property)) {
                warnings.add(at + ".quality: the property name '" + name + "' holds a '.', which cannot name a field path;"
                        + " its rules are not imported");
            } else {
                rules.addAll(rules(property.path("quality"), at, prefix + name));
            }
            properties(property.path("properties"), at, prefix + name + ".", rules);
            inArray(property.path("items"), at + ".items");
        }
    }

    /** Rules inside an array's items would judge each element, which no rule does: a warning each. */
    private void inArray(JsonNode items, String path) {
        if (items.isMissingNode()) {
            return;
        }
        if (!items.path("quality").isEmpty()) {
            warnings.add(path + ".quality: rules on the items of an array are not evaluated; not imported");
        }
        JsonNode children = items.path("properties");
        for (int c = 0; c < children.size(); c++) {
            inArray(children.get(c), path + ".properties[" + c + "]");
        }
        inArray(items.path("items"), path + ".items");
    }

    private static boolean hasRules(JsonNode property) {
        return !property.path("quality").isEmpty();
    }

    private List<QualityRule> rules(JsonNode quality, String path, String field) {
        List<QualityRule> rules = new ArrayList<>();
        for (int q = 0; q < quality.size(); q++) {
            QualityRule rule = rule(quality.get(q), path + ".quality[" + q + "]", field);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private QualityRule rule(JsonNode entry, String path, String field) {
        OdcsMapping.unmapped(warnings, path, entry, MAPPED);
        String type = entry.path("type").asText(entry.has("metric") || entry.has("rule") ? "library" : "text");
        QualityRule.Builder rule = QualityRule.newBuilder().setPath(path).setField(field)
                .setDimension(entry.path("dimension").asText(null)).setDescription(entry.path("description").asText(null))
                .setSeverity(entry.path("severity").asText(null));
        switch (type) {
            case "library" -> {
                String metric = entry.path("metric").asText(null);
                if (metric == null) {
                    metric = OdcsSchema.metricOfRule(entry.path("rule").asText());
                    warnings.add(path + ".rule '" + entry.path("rule").asText() + "' (ODCS v3.0) is read as metric " + metric);
                }
                rule.setMetric(metric);
                if (!arguments(entry.path("arguments"), path, rule)) {
                    return null;
                }
            }
            case "sql" -> rule.setMetric("sql").setDefinition(entry.path("query").asText());
            case "custom" -> rule.setMetric("custom").setEngine(entry.path("engine").asText(null))
                    .setDefinition(OdcsImporter.scalar(entry.path("implementation")));
            default -> rule.setMetric("text");
        }
        return operator(entry, path, rule) && unit(entry, path, rule) ? rule.build() : null;
    }

    private boolean arguments(JsonNode arguments, String path, QualityRule.Builder rule) {
        List<String> values = new ArrayList<>();
        for (String list : List.of("validValues", "missingValues")) {
            JsonNode items = arguments.path(list);
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).isNull()) {
                    warnings.add(path + ".arguments." + list + "[" + i + "] is null; null is always missing and never a valid"
                            + " value here, so it is not kept in the list");
                } else {
                    values.add(OdcsImporter.scalar(items.get(i)));
                }
            }
        }
        rule.setValues(values);
        if (arguments.hasNonNull("pattern")) {
            try {
                LinearPattern.compile(arguments.path("pattern").asText());
            } catch (IllegalArgumentException e) {
                warnings.add(path + ".arguments.pattern: " + e.getMessage() + "; rule not imported");
                return false;
            }
            rule.setPattern(arguments.path("pattern").asText());
        }
        OdcsMapping.unmapped(warnings, path + ".arguments", arguments, "validValues", "missingValues", "pattern");
        return true;
    }

    private boolean operator(JsonNode entry, String path, QualityRule.Builder rule) {
        for (String operator : OPERATORS) {
            JsonNode operand = entry.get(operator);
            if (operand == null) {
                continue;
            }
            rule.setOperator(operator);
            try {
                if (operand.isArray()) {
                    rule.setThreshold(number(operand.get(0))).setThresholdHigh(number(operand.get(1)));
                } else {
                    rule.setThreshold(number(operand));
                }
            } catch (NumberFormatException e) {
                warnings.add(path + "." + operator + " '" + OdcsImporter.scalar(operand) + "' is not a number; rule not imported");
                return false;
            }
        }
        return true;
    }

    private boolean unit(JsonNode entry, String path, QualityRule.Builder rule) {
        String unit = entry.path("unit").asText("rows").toLowerCase(Locale.ROOT);
        switch (unit) {
            case "rows" -> rule.setUnit(QualityUnit.ROWS);
            case "percent", "%" -> rule.setUnit(QualityUnit.PERCENT);
            default -> {
                warnings.add(path + ".unit '" + entry.path("unit").asText() + "' is neither rows nor percent; rule not imported");
                return false;
            }
        }
        return true;
    }

    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.parseDouble(node.asText());
    }
}
