package io.meshwarden.governance.diff;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.QualityGuarantees;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;

/**
 * What makes a new version of a contract break its consumers, compared with the last accepted
 * version: schema incompatibility in either direction (Avro's {@link SchemaCompatibility}), a
 * required field removed or renamed, a weakened guarantee, a lowered classification, a removed
 * output port. Each breaking change is one sentence for the domain team.
 */
public final class ContractDiff {
    private static final java.util.regex.Pattern FIELD_LOCATION = java.util.regex.Pattern.compile("/fields/(\\d+)");
    private ContractDiff() {
    }

    public static List<String> breakingChanges(DataProductContract previous, DataProductContract next) {
        List<String> breaking = new ArrayList<>();
        schemaChanges(previous.getProductSchema(), next.getProductSchema(), breaking);
        Set<String> nextFields = next.getFields().stream().map(FieldSpec::getName).collect(Collectors.toSet());
        previous.getFields().stream().filter(FieldSpec::getRequired).map(FieldSpec::getName)
                .filter(name -> !nextFields.contains(name))
                .forEach(name -> breaking.add("required field '" + name + "' was removed or renamed"));
        guaranteeChanges(previous.getGuarantees(), next.getGuarantees(), breaking);
        if (next.getClassification().ordinal() < previous.getClassification().ordinal()) {
            breaking.add("classification was lowered from " + previous.getClassification() + " to " + next.getClassification());
        }
        Set<String> nextPorts = next.getOutputPorts().stream().map(OutputPort::getName).collect(Collectors.toSet());
        previous.getOutputPorts().stream().map(OutputPort::getName).filter(port -> !nextPorts.contains(port))
                .forEach(port -> breaking.add("output port '" + port + "' was removed"));
        return breaking;
    }

    private static void schemaChanges(String previousText, String nextText, List<String> breaking) {
        if (previousText == null || nextText == null) {
            if (previousText != null) {
                breaking.add("the product schema was removed");
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
        var oldReadsNew = SchemaCompatibility.checkReaderWriterCompatibility(previous, next);
        if (oldReadsNew.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            breaking.add("consumers of the previous schema cannot read data written with the new one: "
                    + describe(oldReadsNew.getResult().getIncompatibilities().get(0), previous));
        }
        var newReadsOld = SchemaCompatibility.checkReaderWriterCompatibility(next, previous);
        if (newReadsOld.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            breaking.add("the new schema cannot read data already retained: "
                    + describe(newReadsOld.getResult().getIncompatibilities().get(0), next));
        }
    }

    /** Names the field at fault when the incompatibility lies in a top-level field of the reader's record. */
    private static String describe(SchemaCompatibility.Incompatibility incompatibility, Schema reader) {
        var field = FIELD_LOCATION.matcher(incompatibility.getLocation());
        if (field.lookingAt() && reader.getType() == Schema.Type.RECORD) {
            int index = Integer.parseInt(field.group(1));
            if (index < reader.getFields().size()) {
                return "field '" + reader.getFields().get(index).name() + "': " + incompatibility.getMessage();
            }
        }
        return incompatibility.getMessage() + " at " + incompatibility.getLocation();
    }

    private static void guaranteeChanges(QualityGuarantees previous, QualityGuarantees next, List<String> breaking) {
        if (previous == null) {
            return;
        }
        QualityGuarantees now = next == null ? new QualityGuarantees() : next;
        lower("completeness", previous.getCompletenessPercent(), now.getCompletenessPercent(), breaking);
        lower("availability", previous.getAvailabilityPercent(), now.getAvailabilityPercent(), breaking);
        Long oldAge = previous.getFreshnessMaxAgeMs();
        Long newAge = now.getFreshnessMaxAgeMs();
        if (oldAge != null && (newAge == null || newAge > oldAge)) {
            breaking.add("freshness guarantee was weakened from " + oldAge + " ms to " + (newAge == null ? "none" : newAge + " ms"));
        }
    }

    private static void lower(String name, Double before, Double after, List<String> breaking) {
        if (before != null && (after == null || after < before)) {
            breaking.add(name + " guarantee was lowered from " + before + "% to " + (after == null ? "none" : after + "%"));
        }
    }
}
