package io.meshwarden.governance.interop;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.governance.diff.ParsedSchemas;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * What a contract says about its fields for interoperability, read from its properties (a Meshwarden YAML
 * contract's {@code properties}, an ODCS document's {@code customProperties}, and ODCS {@code relationships},
 * which the importer writes here):
 * <pre>
 * interop.semanticType.crm_key: customer_id          # the field stands for a shared dimension or metric
 * interop.unit.spend: micros                          # the unit of its values
 * interop.references.customer_id: crm.customers.customer_id, email.sends.customer_id
 * </pre>
 * A reference is {@code <product id>.<field>}: the referenced product's field, which must exist, be active and
 * have a compatible type (the {@code relationships} rule). The field's types come from the product schema.
 */
public final class FieldDeclarations {
    public static final String PREFIX = "interop.";
    public static final String SEMANTIC_TYPE = PREFIX + "semanticType.";
    public static final String UNIT = PREFIX + "unit.";
    public static final String REFERENCES = PREFIX + "references.";
    private static final List<String> KINDS = List.of(SEMANTIC_TYPE, UNIT, REFERENCES);
    /** Longer is no product id and field: a reference names its violation, whose id must stay readable. */
    private static final int MAX_REFERENCE = 200;

    /** One reference of a field to another product's field. */
    public record Reference(String field, String productId, String targetField) {
        public String target() {
            return productId + "." + targetField;
        }
    }

    private final DataProductContract contract;
    private final Map<String, String> properties;
    private Optional<Schema> schema;

    public FieldDeclarations(DataProductContract contract) {
        this.contract = contract;
        this.properties = contract.getProperties() == null ? Map.of() : contract.getProperties();
    }

    /** Every field of the contract, those its field list names first, then those only its schema has. */
    public Set<String> fieldNames() {
        Set<String> names = new LinkedHashSet<>();
        contract.getFields().forEach(f -> names.add(f.getName()));
        schema().ifPresent(s -> s.getFields().forEach(f -> names.add(f.name())));
        return names;
    }

    public Optional<FieldSpec> spec(String field) {
        return contract.getFields().stream().filter(f -> f.getName().equals(field)).findFirst();
    }

    /** The type of the field's values (nullable unions unwrapped), when the product schema has the field. */
    public Optional<Schema> type(String field) {
        return schema().map(s -> s.getField(field)).map(f -> Standards.valueSchema(f.schema()));
    }

    public Optional<String> semanticType(String field) {
        return Optional.ofNullable(properties.get(SEMANTIC_TYPE + field)).map(String::trim);
    }

    public Optional<String> unit(String field) {
        return Optional.ofNullable(properties.get(UNIT + field)).map(String::trim);
    }

    /** The references the contract declares, and what is malformed among its {@code interop.*} properties. */
    public List<Reference> references(List<String> problems) {
        List<Reference> references = new ArrayList<>();
        Set<String> fields = fieldNames();
        properties.forEach((key, value) -> {
            if (!key.startsWith(PREFIX)) {
                return;
            }
            Optional<String> kind = KINDS.stream().filter(key::startsWith).findFirst();
            if (kind.isEmpty()) {
                problems.add("unknown property '" + shortened(key) + "'; known: " + KINDS.stream().map(k -> k + "<field>").toList());
                return;
            }
            String field = key.substring(kind.get().length());
            if (!fields.contains(field)) {
                problems.add("property '" + shortened(key) + "' names no field of the contract");
                return;
            }
            if (kind.get().equals(REFERENCES)) {
                for (String target : value.split(",")) {
                    String text = target.trim();
                    int dot = text.lastIndexOf('.');
                    if (dot <= 0 || dot == text.length() - 1 || text.length() > MAX_REFERENCE || !text.matches("[a-z0-9][a-z0-9.-]*\\.[A-Za-z_][A-Za-z0-9_]*")) {
                        problems.add("property '" + key + "': '" + shortened(text) + "' is not <product id>.<field>");
                    } else {
                        references.add(new Reference(field, text.substring(0, dot), text.substring(dot + 1)));
                    }
                }
            }
        });
        return references;
    }

    private Optional<Schema> schema() {
        if (schema == null) {
            try {
                Schema parsed = contract.getProductSchema() == null ? null : ParsedSchemas.parse(contract.getProductSchema());
                schema = Optional.ofNullable(parsed).filter(s -> s.getType() == Schema.Type.RECORD);
            } catch (SchemaParseException e) {
                schema = Optional.empty();
            }
        }
        return schema;
    }

    /** A property key or value, cut short before it goes into a message. */
    static String shortened(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /** A name as a part of a rule id: characters a rule id may not hold become {@code _}. */
    public static String idPart(String text) {
        return shortened(text).replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
