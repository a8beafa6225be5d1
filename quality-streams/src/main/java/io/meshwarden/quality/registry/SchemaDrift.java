package io.meshwarden.quality.registry;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.schemas.registry.RegisteredSchema;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;

/**
 * Whether a schema registered for a product's output topic drifts from the product's contract: it cannot be
 * read with the compatibility the contract declares (property {@value #COMPATIBILITY}: {@code BACKWARD}, the
 * default and the registry's, means the contract's schema reads what the registered one wrote; {@code FORWARD}
 * the other way; {@code FULL} both; {@code NONE} no check), or the contract does not describe it (a field the
 * contract does not name, or names with another type). A pure function of the two schemas.
 */
final class SchemaDrift {
    static final String COMPATIBILITY = "schema.compatibility";

    enum Compatibility { BACKWARD, FORWARD, FULL, NONE }

    /**
     * @param field        the first field at fault (an Avro path for an incompatibility)
     * @param incompatible whether data written with one cannot be read with the other, as declared
     */
    record Drift(String subject, int version, int schemaId, String field, boolean incompatible, String message) {
    }

    private SchemaDrift() {
    }

    /** The drift of {@code registered} from the contract; empty when the contract describes it (or has no schema). */
    static Optional<Drift> of(DataProductContract contract, RegisteredSchema registered) {
        if (contract.getProductSchema() == null) {
            return Optional.empty();
        }
        Schema declared = new Schema.Parser().parse(contract.getProductSchema());
        Schema written;
        try {
            written = new Schema.Parser().parse(registered.schema());
        } catch (SchemaParseException e) {
            return Optional.of(drift(registered, "(schema)", true, "is not an Avro schema: " + e.getMessage()));
        }
        Compatibility compatibility = compatibility(contract);
        List<Schema[]> checks = switch (compatibility) {
            case BACKWARD -> List.<Schema[]>of(new Schema[] {declared, written});
            case FORWARD -> List.<Schema[]>of(new Schema[] {written, declared});
            case FULL -> List.of(new Schema[] {declared, written}, new Schema[] {written, declared});
            case NONE -> List.of();
        };
        for (Schema[] readerWriter : checks) {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(readerWriter[0], readerWriter[1]);
            if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                SchemaCompatibility.Incompatibility first = result.getResult().getIncompatibilities().get(0);
                return Optional.of(drift(registered, first.getLocation(), true, "is not " + compatibility
                        + " compatible with the contract's schema: " + first.getType() + " at " + first.getLocation()
                        + (first.getMessage() == null ? "" : " (" + first.getMessage() + ")")));
            }
        }
        if (written.getType() != Schema.Type.RECORD || declared.getType() != Schema.Type.RECORD) {
            return written.equals(declared) ? Optional.empty()
                    : Optional.of(drift(registered, "(schema)", false, "differs from the contract's schema"));
        }
        for (Schema.Field field : written.getFields()) {
            Schema.Field described = declared.getField(field.name());
            if (described == null) {
                return Optional.of(drift(registered, field.name(), false, "has a field '" + field.name()
                        + "' the contract does not describe"));
            }
            if (!described.schema().equals(field.schema())) {
                return Optional.of(drift(registered, field.name(), false, "has field '" + field.name() + "' as "
                        + field.schema() + ", the contract as " + described.schema()));
            }
        }
        return Optional.empty();
    }

    /** The compatibility the contract declares; an unknown value is refused, never guessed. */
    static Compatibility compatibility(DataProductContract contract) {
        String declared = contract.getProperties().get(COMPATIBILITY);
        if (declared == null || declared.isBlank()) {
            return Compatibility.BACKWARD;
        }
        try {
            return Compatibility.valueOf(declared.strip().toUpperCase(Locale.ROOT).replace("_TRANSITIVE", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(COMPATIBILITY + ": '" + declared + "' is none of BACKWARD, FORWARD, FULL, NONE"
                    + " (or their _TRANSITIVE forms)");
        }
    }

    private static Drift drift(RegisteredSchema registered, String field, boolean incompatible, String what) {
        return new Drift(registered.subject(), registered.version(), registered.id(), field, incompatible,
                "version " + registered.version() + " of subject '" + registered.subject() + "' (schema id " + registered.id()
                        + ") " + what);
    }
}
