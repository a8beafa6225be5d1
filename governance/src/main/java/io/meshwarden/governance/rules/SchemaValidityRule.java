package io.meshwarden.governance.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Rule;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The product's Avro schema parses, is a record, and contains every field the contract declares
 * required. With {@code requireSchema} a contract without a schema is a finding too.
 */
public record SchemaValidityRule(String id, Severity severity, boolean requireSchema) implements Rule {

    @Override
    public List<Finding> check(DataProductContract contract) {
        String text = contract.getProductSchema();
        if (text == null || text.isBlank()) {
            return requireSchema ? List.of(finding("product " + contract.getId() + " declares no Avro schema")) : List.of();
        }
        Schema schema;
        try {
            schema = io.meshwarden.governance.diff.ParsedSchemas.parse(text);
        } catch (SchemaParseException | NullPointerException e) {
            return List.of(finding("the Avro schema of " + contract.getId() + " does not parse: " + e.getMessage()));
        }
        if (schema.getType() != Schema.Type.RECORD) {
            return List.of(finding("the Avro schema of " + contract.getId() + " is a " + schema.getType() + ", not a record"));
        }
        return contract.getFields().stream().filter(FieldSpec::getRequired)
                .filter(field -> schema.getField(field.getName()) == null)
                .map(field -> finding("required field '" + field.getName() + "' of " + contract.getId()
                        + " is not in its Avro schema"))
                .toList();
    }

    private Finding finding(String message) {
        return finding(ViolationCategory.SCHEMA, message);
    }
}
