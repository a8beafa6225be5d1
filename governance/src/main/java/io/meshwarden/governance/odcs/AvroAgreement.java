package io.meshwarden.governance.odcs;

import java.util.List;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/**
 * Whether an Avro schema a contract names agrees with the one derived from its ODCS properties:
 * the same fields, each optional in both or required in both, each of the same ODCS logical type
 * (an Avro long agrees with integer, an enum with string, a decimal with number), nested records
 * and array items alike. The named schema may be more precise than ODCS can say; it may not say
 * something else.
 */
final class AvroAgreement {

    private AvroAgreement() {
    }

    /** The first disagreement, naming the field by its dotted path, or empty when the two agree. */
    static Optional<String> firstDisagreement(Schema derived, Schema declared) {
        return record("", derived, declared);
    }

    private static Optional<String> record(String prefix, Schema derived, Schema declared) {
        for (Schema.Field field : derived.getFields()) {
            String name = prefix + field.name();
            Schema.Field other = declared.getField(field.name());
            if (other == null) {
                return Optional.of("field '" + name + "' is not in the named Avro schema");
            }
            Optional<String> disagreement = type(name, field.schema(), other.schema());
            if (disagreement.isPresent()) {
                return disagreement;
            }
        }
        return declared.getFields().stream().filter(f -> derived.getField(f.name()) == null).findFirst()
                .map(f -> "field '" + prefix + f.name() + "' of the named Avro schema is not an ODCS property");
    }

    private static Optional<String> type(String name, Schema derived, Schema declared) {
        boolean derivedOptional = nullable(derived);
        if (derivedOptional != nullable(declared)) {
            return Optional.of("field '" + name + "' is " + (derivedOptional ? "optional" : "required") + " in ODCS but "
                    + (derivedOptional ? "required" : "optional") + " in the named Avro schema");
        }
        Schema a = nonNull(derived);
        Schema b = nonNull(declared);
        if (a == null || b == null || !family(a).equals(family(b))) {
            return Optional.of("field '" + name + "' is " + (a == null ? "a union" : family(a)) + " in ODCS but "
                    + (b == null ? "a union of several types" : family(b) + " (" + b + ")") + " in the named Avro schema");
        }
        if (a.getType() == Schema.Type.RECORD && b.getType() == Schema.Type.RECORD) {
            return record(name + ".", a, b);
        }
        if (a.getType() == Schema.Type.ARRAY) {
            return type(name + "[]", a.getElementType(), b.getElementType());
        }
        return Optional.empty();
    }

    /** The ODCS logical type of an Avro type. */
    static String family(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            String name = logical.getName();
            if (name.equals("date")) {
                return "date";
            }
            if (name.startsWith("time-")) {
                return "time";
            }
            if (name.contains("timestamp")) {
                return "timestamp";
            }
            if (name.equals("decimal")) {
                return "number";
            }
        }
        return switch (schema.getType()) {
            case STRING, ENUM, BYTES, FIXED -> "string";
            case INT, LONG -> "integer";
            case FLOAT, DOUBLE -> "number";
            case BOOLEAN -> "boolean";
            case RECORD, MAP -> "object";
            case ARRAY -> "array";
            default -> schema.getType().getName();
        };
    }

    static boolean nullable(Schema schema) {
        return schema.getType() == Schema.Type.UNION && schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
    }

    /** The one non-null type of a schema or of a nullable union; null for a union of several. */
    static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> types = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        return types.size() == 1 ? types.get(0) : null;
    }
}
