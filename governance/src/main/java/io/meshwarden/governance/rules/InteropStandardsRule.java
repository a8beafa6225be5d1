package io.meshwarden.governance.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Rule;
import io.meshwarden.governance.interop.FieldDeclarations;
import io.meshwarden.governance.interop.Standard;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/**
 * Shared dimensions, identifiers and standard metrics mean the same in every product. A field named like a
 * standard, or declaring it ({@code interop.semanticType.<field>}), must have its type
 * ({@code interop.<standard>.type}), its format, i.e. its logical type and, where the contract says what its
 * values look like (an invalidValues quality rule's pattern or valid values, an Avro enum's symbols), the
 * standard's pattern ({@code interop.<standard>.format}), and its unit where it declares one
 * ({@code interop.<standard>.unit}). A field that is not the standard but looks like it (its name spelled
 * otherwise, an alias, or the standard's meaning as its description) is a warning naming the standard
 * ({@code interop.<standard>.near-miss.<field>}). Rule ids name the field after the check when it is not the
 * standard's own name, so that two fields never share a violation.
 */
public record InteropStandardsRule(String id, Severity severity, List<Standard> standards) implements Rule {

    public InteropStandardsRule {
        standards = List.copyOf(standards);
    }

    @Override
    public List<Finding> check(DataProductContract contract) {
        FieldDeclarations fields = new FieldDeclarations(contract);
        List<Finding> findings = new ArrayList<>();
        for (String field : fields.fieldNames()) {
            Optional<String> declared = fields.semanticType(field);
            Optional<Standard> standard = declared.isPresent() ? named(declared.get()) : named(field);
            if (declared.isPresent() && standard.isEmpty()) {
                findings.add(new Finding("interop.semantic-type.unknown." + FieldDeclarations.idPart(field), ViolationCategory.SCHEMA,
                        severity, "field '" + field + "' of " + contract.getId() + " declares semantic type '"
                        + FieldDeclarations.idPart(declared.get()) + "', which no policy set declares; known: " + names()));
            } else if (standard.isPresent()) {
                conforms(contract, fields, field, standard.get(), findings);
            } else {
                nearMiss(contract, fields, field).ifPresent(findings::add);
            }
        }
        return findings;
    }

    private void conforms(DataProductContract contract, FieldDeclarations fields, String field, Standard standard,
                          List<Finding> findings) {
        String which = "field '" + field + "' of " + contract.getId();
        Optional<Schema> type = fields.type(field);
        if (standard.type() != null && type.isPresent() && !typeName(type.get()).equals(standard.type())) {
            findings.add(mismatch(standard, "type", field, which + " is of type " + type.get().getType().getName() + "; the "
                    + standard.label() + " is of type " + standard.type()));
        }
        String format = type.flatMap(t -> formatProblem(contract, field, t, standard)).orElse(null);
        if (format != null) {
            findings.add(mismatch(standard, "format", field, which + " " + format + "; the " + standard.label()
                    + (standard.logicalType() != null ? " is " + standard.logicalType() : " matches " + standard.pattern().pattern())));
        }
        Optional<String> unit = fields.unit(field);
        if (standard.unit() != null && unit.isPresent() && !unit.get().equals(standard.unit())) {
            findings.add(mismatch(standard, "unit", field, which + " is in " + FieldDeclarations.idPart(unit.get()) + "; the "
                    + standard.label() + " is in " + standard.unit()));
        }
    }

    /** An enum's values are strings: an enum of codes is as good a {@code currency} as a string of them. */
    private static String typeName(Schema type) {
        return type.getType() == Schema.Type.ENUM ? "string" : type.getType().getName();
    }

    private static Optional<String> formatProblem(DataProductContract contract, String field, Schema type, Standard standard) {
        if (standard.logicalType() != null) {
            LogicalType logical = type.getLogicalType();
            String actual = logical == null ? null : logical.getName();
            if (!standard.logicalType().equals(actual)) {
                return Optional.of(actual == null ? "has no logical type" : "is " + actual);
            }
        }
        if (standard.pattern() == null) {
            return Optional.empty();
        }
        if (type.getType() == Schema.Type.ENUM) {
            Optional<String> symbol = type.getEnumSymbols().stream().filter(s -> !standard.pattern().matches(s)).findFirst();
            if (symbol.isPresent()) {
                return Optional.of("has symbol '" + symbol.get() + "'");
            }
        }
        for (QualityRule rule : contract.getQualityRules()) {
            if (!field.equals(rule.getField()) || !"invalidValues".equals(rule.getMetric())) {
                continue;
            }
            if (rule.getPattern() != null && !rule.getPattern().equals(standard.pattern().pattern())) {
                return Optional.of("declares values matching " + FieldDeclarations.idPart(rule.getPattern()));
            }
            Optional<String> value = rule.getValues().stream().filter(v -> !standard.pattern().matches(v)).findFirst();
            if (value.isPresent()) {
                return Optional.of("declares the valid value '" + FieldDeclarations.idPart(value.get()) + "'");
            }
        }
        return Optional.empty();
    }

    private Optional<Finding> nearMiss(DataProductContract contract, FieldDeclarations fields, String field) {
        String description = fields.spec(field).map(f -> f.getDescription()).orElse(null);
        return standards.stream().filter(s -> s.nearMissName(field) || s.sameMeaning(description)).findFirst()
                .map(s -> new Finding("interop." + s.name() + ".near-miss." + FieldDeclarations.idPart(field), ViolationCategory.SCHEMA, Severity.WARNING,
                        "field '" + field + "' of " + contract.getId() + " looks like the " + s.label() + ": name it "
                                + s.name() + ", or declare " + FieldDeclarations.SEMANTIC_TYPE + field + ": " + s.name()
                                + " and match its type, format and unit"));
    }

    private Finding mismatch(Standard standard, String check, String field, String message) {
        String ruleId = "interop." + standard.name() + "." + check + (field.equals(standard.name()) ? "" : "." + FieldDeclarations.idPart(field));
        return new Finding(ruleId, ViolationCategory.SCHEMA, severity, message);
    }

    private Optional<Standard> named(String name) {
        return standards.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private List<String> names() {
        return standards.stream().map(Standard::name).sorted().toList();
    }
}
