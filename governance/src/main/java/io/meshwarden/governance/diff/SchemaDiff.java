package io.meshwarden.governance.diff;

import io.meshwarden.governance.diff.Change.Element;
import io.meshwarden.governance.diff.Change.Part;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;

/**
 * Compares two product schemas with Avro's own {@link SchemaCompatibility}, in both directions:
 * consumers of the previous schema must read the new data, and the new schema must read the data
 * already retained. An incompatibility in a top-level field is reported against that field.
 */
final class SchemaDiff {
    private static final Pattern FIELD_LOCATION = Pattern.compile("/fields/(\\d+)");

    private SchemaDiff() {
    }

    static void compare(String previousText, String nextText, List<Change> changes) {
        if (previousText == null || nextText == null) {
            if (previousText != null) {
                changes.add(new Change(ChangeKind.SCHEMA_REMOVED, Element.of(Part.SCHEMA), "the product schema was removed"));
            } else if (nextText != null) {
                changes.add(new Change(ChangeKind.SCHEMA_ADDED, Element.of(Part.SCHEMA), "a product schema was added"));
            }
            return;
        }
        if (previousText.equals(nextText)) {
            return; // the same schema reads and writes the same data
        }
        Schema previous;
        Schema next;
        try {
            previous = ParsedSchemas.parse(previousText);
            next = ParsedSchemas.parse(nextText);
        } catch (SchemaParseException e) {
            return; // an unparsable schema is the schema-validity rule's finding, not a diff
        }
        int before = changes.size();
        var oldReadsNew = SchemaCompatibility.checkReaderWriterCompatibility(previous, next);
        if (oldReadsNew.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            incompatible("consumers of the previous schema cannot read data written with the new one: ",
                    oldReadsNew.getResult().getIncompatibilities().get(0), previous, changes);
        }
        var newReadsOld = SchemaCompatibility.checkReaderWriterCompatibility(next, previous);
        if (newReadsOld.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            incompatible("the new schema cannot read data already retained: ",
                    newReadsOld.getResult().getIncompatibilities().get(0), next, changes);
        }
        if (changes.size() > before) {
            return;
        }
        if (previous.equals(next)) {
            changes.add(new Change(ChangeKind.SCHEMA_DOCUMENTATION_CHANGED, Element.of(Part.SCHEMA),
                    "the product schema changed in its documentation only"));
        } else {
            changes.add(new Change(ChangeKind.SCHEMA_EXTENDED, Element.of(Part.SCHEMA),
                    "the product schema changed compatibly (each version reads the other's data)"));
        }
    }

    /** Names the field at fault when the incompatibility lies in a top-level field of the reader's record. */
    private static void incompatible(String prefix, SchemaCompatibility.Incompatibility incompatibility, Schema reader,
                                     List<Change> changes) {
        var field = FIELD_LOCATION.matcher(incompatibility.getLocation());
        if (field.lookingAt() && reader.getType() == Schema.Type.RECORD) {
            int index = Integer.parseInt(field.group(1));
            if (index < reader.getFields().size()) {
                String name = reader.getFields().get(index).name();
                changes.add(new Change(ChangeKind.SCHEMA_INCOMPATIBLE, new Element(Part.FIELD, name),
                        prefix + "field '" + name + "': " + incompatibility.getMessage()));
                return;
            }
        }
        changes.add(new Change(ChangeKind.SCHEMA_INCOMPATIBLE, Element.of(Part.SCHEMA),
                prefix + incompatibility.getMessage() + " at " + incompatibility.getLocation()));
    }
}
