package io.meshwarden.governance.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.ContextRule;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.interop.FieldDeclarations;
import io.meshwarden.governance.interop.FieldDeclarations.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A relationship between products (ODCS {@code relationships}, or {@code interop.references.<field>}) holds
 * only while the referenced field exists: in the catalog's contract of the referenced product, which is
 * active, with a type the referencing field can read (Avro's reader/writer rules, the same logical type).
 * Each broken reference is {@code interop.relationship.<field>.<product>.<field>}; a malformed
 * {@code interop.*} property is {@code interop.properties}. Offline, with no catalog, only the contract's
 * own side is checked. The governance topology judges the referencing product again when a referenced
 * one changes, so a field removed by a later major version breaks its dependents then.
 */
public record RelationshipRule(String id, Severity severity) implements ContextRule {

    @Override
    public List<Finding> check(ContractContext context) {
        DataProductContract contract = context.contract();
        FieldDeclarations fields = new FieldDeclarations(contract);
        List<String> problems = new ArrayList<>();
        List<Reference> references = fields.references(problems);
        List<Finding> findings = new ArrayList<>();
        if (!problems.isEmpty()) {
            findings.add(new Finding("interop.properties", ViolationCategory.SCHEMA, severity,
                    contract.getId() + ": " + String.join("; ", problems.stream().sorted().toList())));
        }
        if (!context.catalog().knowsProducts()) {
            return findings;
        }
        for (Reference reference : references) {
            problem(context, fields, reference).ifPresent(problem -> findings.add(new Finding(
                    "interop.relationship." + FieldDeclarations.idPart(reference.field()) + "." + reference.target(), ViolationCategory.SCHEMA, severity,
                    "field '" + reference.field() + "' of " + contract.getId() + " references " + reference.target() + ", but "
                            + problem)));
        }
        return findings;
    }

    private static Optional<String> problem(ContractContext context, FieldDeclarations fields, Reference reference) {
        DataProductContract self = context.contract();
        Optional<DataProductContract> found = reference.productId().equals(self.getId()) ? Optional.of(self)
                : context.catalog().product(reference.productId());
        if (found.isEmpty()) {
            return Optional.of(reference.productId() + " is not in the catalog");
        }
        DataProductContract target = found.get();
        if (target.getStatus() != ProductStatus.ACTIVE) {
            return Optional.of(reference.productId() + " " + target.getVersion() + " is "
                    + target.getStatus().name().toLowerCase(Locale.ROOT) + ", not active");
        }
        FieldDeclarations targetFields = new FieldDeclarations(target);
        if (!targetFields.fieldNames().contains(reference.targetField())) {
            return Optional.of(reference.productId() + " " + target.getVersion() + " has no field '" + reference.targetField() + "'");
        }
        Optional<Schema> reader = fields.type(reference.field());
        Optional<Schema> writer = targetFields.type(reference.targetField());
        if (reader.isPresent() && writer.isPresent() && !compatible(reader.get(), writer.get())) {
            return Optional.of(reference.target() + " is of type " + describe(writer.get()) + ", which a field of type "
                    + describe(reader.get()) + " cannot hold");
        }
        return Optional.empty();
    }

    private static boolean compatible(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE
                && Objects.equals(logical(reader), logical(writer));
    }

    private static String logical(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        return logical == null ? null : logical.getName();
    }

    private static String describe(Schema schema) {
        String logical = logical(schema);
        return schema.getType().getName() + (logical == null ? "" : " (" + logical + ")");
    }
}
