package io.meshwarden.governance.interop;

import io.meshwarden.governance.policy.Parameters;
import io.meshwarden.governance.policy.RuleKind;
import io.meshwarden.governance.policy.Strictness;
import io.meshwarden.governance.text.LinearPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Reads the standards an {@code interop-standards} rule declares from its parameters, written as
 * <pre>
 * dimensions:
 *   customer_id: {type: string, pattern: "C[0-9]{8}", meaning: CRM customer key, aliases: [cust_id]}
 * metrics:
 *   spend_micros: {type: long, unit: micros, definition: ...}
 * </pre>
 * A standard's attributes are fixed for every domain ({@link Strictness#SAME}); a domain may add standards,
 * and aliases. A type that is no Avro type, a pattern that does not compile or a name that is no Avro
 * name is an error naming the rule and the parameter.
 */
public final class Standards {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> TYPES = Set.of("string", "bytes", "int", "long", "float", "double", "boolean");
    private static final Set<String> LOGICAL_TYPES = Set.of("date", "time-millis", "time-micros", "timestamp-millis",
            "timestamp-micros", "local-timestamp-millis", "local-timestamp-micros", "uuid", "decimal");

    private Standards() {
    }

    /** The parameters an {@code interop-standards} rule takes. */
    public static Map<String, RuleKind.Param> parameters() {
        Map<String, RuleKind.Param> parameters = new LinkedHashMap<>();
        for (String section : List.of("dimensions", "metrics")) {
            for (String attribute : List.of("type", "logicalType", "pattern", "unit")) {
                parameters.put(section + ".*." + attribute, new RuleKind.Param(Strictness.SAME, null));
            }
            parameters.put(section + ".*.aliases", new RuleKind.Param(Strictness.SUPERSET, ""));
        }
        parameters.put("dimensions.*.meaning", new RuleKind.Param(Strictness.FREE, null));
        parameters.put("metrics.*.definition", new RuleKind.Param(Strictness.FREE, null));
        return parameters;
    }

    public static List<Standard> of(Parameters parameters) {
        List<Standard> standards = new ArrayList<>();
        read(parameters, "dimensions", "dimension", "meaning", standards);
        read(parameters, "metrics", "metric", "definition", standards);
        return standards;
    }

    private static void read(Parameters parameters, String section, String kind, String meaning, List<Standard> into) {
        for (String name : names(parameters, section)) {
            String at = section + "." + name + ".";
            if (!NAME.matcher(name).matches()) {
                throw parameters.error(section + "." + name, "a standard is named like a field ([A-Za-z_][A-Za-z0-9_]*)");
            }
            if (into.stream().anyMatch(s -> s.name().equals(name))) {
                throw parameters.error(at.substring(0, at.length() - 1), "'" + name + "' is declared as a dimension and a metric");
            }
            String type = parameters.text(at + "type");
            if (type != null && !TYPES.contains(type)) {
                throw parameters.error(at + "type", "'" + type + "' is not an Avro primitive type; use one of " + new java.util.TreeSet<>(TYPES));
            }
            String logicalType = parameters.text(at + "logicalType");
            if (logicalType != null && !LOGICAL_TYPES.contains(logicalType)) {
                throw parameters.error(at + "logicalType", "'" + logicalType + "' is not an Avro logical type; use one of "
                        + new java.util.TreeSet<>(LOGICAL_TYPES));
            }
            com.google.re2j.Pattern pattern = null;
            if (parameters.text(at + "pattern") != null) {
                try {
                    pattern = LinearPattern.compile(parameters.text(at + "pattern"));
                } catch (IllegalArgumentException e) {
                    throw parameters.error(at + "pattern", e.getMessage());
                }
            }
            into.add(new Standard(name, kind, type, logicalType, pattern, parameters.text(at + "unit"),
                    parameters.text(at + meaning), Strictness.items(parameters.text(at + "aliases"))));
        }
    }

    /** The standards a section names: the second segment of every parameter under it. */
    private static Set<String> names(Parameters parameters, String section) {
        Set<String> names = new java.util.TreeSet<>();
        for (String attribute : List.of("type", "logicalType", "pattern", "unit", "aliases", "meaning", "definition")) {
            parameters.instances(section + ".*." + attribute).forEach(p -> names.add(p.split("\\.")[1]));
        }
        return names;
    }

    /** The type of a field's values as a standard names it: the non-null branch of a nullable union. */
    static Schema valueSchema(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            List<Schema> branches = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
            return branches.size() == 1 ? branches.get(0) : schema;
        }
        return schema;
    }
}
