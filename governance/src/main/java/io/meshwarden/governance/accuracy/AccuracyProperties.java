package io.meshwarden.governance.accuracy;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.governance.diff.ParsedSchemas;
import io.meshwarden.governance.properties.InvalidContractProperty;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Reads which of a product's fields are its measures, the ones reconciled against the source platform's
 * control totals, from its contract's properties (a Meshwarden YAML contract's {@code properties}, an ODCS
 * document's {@code customProperties}):
 * <pre>
 * accuracy.measures: "spend, clicks, conversions"
 * </pre>
 * Each must be a field of the contract (in its fields or its product schema), and numeric where the product
 * schema says its type. A measure that is not is an {@link InvalidContractProperty} naming the property; an
 * unknown {@code accuracy.*} key too. Without the property, the measures are the ones the pipeline's metric
 * events report totals for, and observed mode sums none.
 */
public final class AccuracyProperties {
    public static final String PREFIX = "accuracy.";
    public static final String MEASURES = PREFIX + "measures";
    private static final int MAX_MEASURES = 32;
    private static final Set<Schema.Type> NUMERIC = Set.of(Schema.Type.INT, Schema.Type.LONG, Schema.Type.FLOAT,
            Schema.Type.DOUBLE);

    private AccuracyProperties() {
    }

    /** The contract's declared measures, in the order it names them; empty when it declares none. */
    public static List<String> measures(DataProductContract contract) {
        Map<String, String> properties = contract.getProperties();
        if (properties == null) {
            return List.of();
        }
        for (String key : properties.keySet()) {
            if (key.startsWith(PREFIX) && !key.equals(MEASURES)) {
                throw new InvalidContractProperty(key, "unknown accuracy setting; known: " + MEASURES);
            }
        }
        String text = properties.get(MEASURES);
        if (text == null) {
            return List.of();
        }
        Set<String> measures = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            if (!name.isBlank()) {
                measures.add(name.trim());
            }
        }
        if (measures.isEmpty() || measures.size() > MAX_MEASURES) {
            throw new InvalidContractProperty(MEASURES, "names 1 to " + MAX_MEASURES + " fields separated by commas; was '"
                    + shortened(text) + "'");
        }
        Optional<Schema> schema = productSchema(contract);
        List<String> fields = new ArrayList<>(contract.getFields().stream().map(FieldSpec::getName).toList());
        schema.ifPresent(s -> s.getFields().forEach(f -> fields.add(f.name())));
        for (String measure : measures) {
            if (!fields.contains(measure)) {
                throw new InvalidContractProperty(MEASURES, "'" + shortened(measure) + "' is not a field of the contract");
            }
            Optional<Schema.Field> field = schema.map(s -> s.getField(measure));
            if (field.isPresent() && !numeric(field.get().schema())) {
                throw new InvalidContractProperty(MEASURES, "'" + measure + "' is a " + field.get().schema().getType()
                        .getName() + " field; a measure is summed, so it must be numeric (int, long, float or double)");
            }
        }
        return List.copyOf(measures);
    }

    private static boolean numeric(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().allMatch(t -> t.getType() == Schema.Type.NULL || NUMERIC.contains(t.getType()));
        }
        return NUMERIC.contains(schema.getType());
    }

    /** The product schema when it is a record schema that parses; its own checks report it otherwise. */
    private static Optional<Schema> productSchema(DataProductContract contract) {
        if (contract.getProductSchema() == null) {
            return Optional.empty();
        }
        try {
            Schema schema = ParsedSchemas.parse(contract.getProductSchema());
            return schema.getType() == Schema.Type.RECORD ? Optional.of(schema) : Optional.empty();
        } catch (SchemaParseException e) {
            return Optional.empty();
        }
    }

    private static String shortened(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
