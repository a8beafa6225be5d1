package io.meshwarden.governance.diff;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.governance.diff.Change.Element;
import io.meshwarden.governance.diff.Change.Part;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every change between the last accepted version of a contract and a new one, each classified
 * (see {@link ChangeKind}): what breaks consumers (schema incompatibility in either direction, a
 * required field removed or renamed or made optional, a weakened guarantee or retention, a lowered
 * classification, a removed or moved output port, a removed or weakened quality rule), what only
 * adds or strengthens, and what is documentation. The pipeline's compatibility rule and the CLI's
 * {@code diff} read the same list, so that both judge a change alike. Each reason is one sentence
 * for the domain team.
 */
public final class ContractDiff {
    private ContractDiff() {
    }

    public static List<Change> changes(DataProductContract previous, DataProductContract next) {
        List<Change> changes = new ArrayList<>();
        SchemaDiff.compare(previous.getProductSchema(), next.getProductSchema(), changes);
        fieldChanges(previous, next, changes);
        GuaranteeDiff.compare(previous.getGuarantees(), next.getGuarantees(), changes);
        GuaranteeDiff.compareRetention(previous.getRetentionMs(), next.getRetentionMs(), changes);
        classificationChange(previous.getClassification(), next.getClassification(), changes);
        portChanges(previous, next, changes);
        QualityRuleDiff.compare(previous.getQualityRules(), next.getQualityRules(), changes);
        MetadataDiff.compare(previous, next, changes);
        return changes;
    }

    /** The reasons of the breaking changes only, in the order {@link #changes} finds them. */
    public static List<String> breakingChanges(DataProductContract previous, DataProductContract next) {
        return changes(previous, next).stream().filter(Change::breaking).map(Change::reason).toList();
    }

    private static void fieldChanges(DataProductContract previous, DataProductContract next, List<Change> changes) {
        Map<String, FieldSpec> before = byName(previous.getFields(), FieldSpec::getName);
        Map<String, FieldSpec> after = byName(next.getFields(), FieldSpec::getName);
        before.forEach((name, field) -> {
            Element element = new Element(Part.FIELD, name);
            FieldSpec now = after.get(name);
            if (now == null) {
                changes.add(field.getRequired()
                        ? new Change(ChangeKind.FIELD_REMOVED, element, "required field '" + name + "' was removed or renamed")
                        : new Change(ChangeKind.OPTIONAL_FIELD_REMOVED, element, "optional field '" + name + "' was removed"));
                return;
            }
            if (field.getRequired() != now.getRequired()) {
                changes.add(field.getRequired()
                        ? new Change(ChangeKind.FIELD_NO_LONGER_REQUIRED, element, "field '" + name + "' is no longer required")
                        : new Change(ChangeKind.FIELD_NOW_REQUIRED, element, "field '" + name + "' is now required"));
            }
            if (field.getClassification() != null || now.getClassification() != null) {
                classificationOf("field '" + name + "'", element, ChangeKind.FIELD_CLASSIFICATION_LOWERED,
                        ChangeKind.FIELD_CLASSIFICATION_RAISED, effective(field.getClassification(), previous),
                        effective(now.getClassification(), next), changes);
            }
            if (!Objects.equals(field.getDescription(), now.getDescription()) || field.getPii() != now.getPii()) {
                changes.add(new Change(ChangeKind.FIELD_DOCUMENTATION_CHANGED, element,
                        "description or personal-data flag of field '" + name + "' changed"));
            }
        });
        after.keySet().stream().filter(name -> !before.containsKey(name))
                .forEach(name -> changes.add(new Change(ChangeKind.FIELD_ADDED, new Element(Part.FIELD, name),
                        "field '" + name + "' was added")));
    }

    private static void classificationChange(Classification previous, Classification next, List<Change> changes) {
        if (next.ordinal() < previous.ordinal()) {
            changes.add(new Change(ChangeKind.CLASSIFICATION_LOWERED, Element.of(Part.CLASSIFICATION),
                    "classification was lowered from " + previous + " to " + next));
        } else if (next.ordinal() > previous.ordinal()) {
            changes.add(new Change(ChangeKind.CLASSIFICATION_RAISED, Element.of(Part.CLASSIFICATION),
                    "classification was raised from " + previous + " to " + next));
        }
    }

    private static void portChanges(DataProductContract previous, DataProductContract next, List<Change> changes) {
        Map<String, OutputPort> before = byName(previous.getOutputPorts(), OutputPort::getName);
        Map<String, OutputPort> after = byName(next.getOutputPorts(), OutputPort::getName);
        before.forEach((name, port) -> {
            Element element = new Element(Part.PORT, name);
            OutputPort now = after.get(name);
            if (now == null) {
                changes.add(new Change(ChangeKind.PORT_REMOVED, element, "output port '" + name + "' was removed"));
                return;
            }
            if (!port.getTopic().equals(now.getTopic()) || !port.getFormat().equals(now.getFormat())) {
                changes.add(new Change(ChangeKind.PORT_MOVED, element, "output port '" + name + "' moved from " + port.getTopic()
                        + " (" + port.getFormat() + ") to " + now.getTopic() + " (" + now.getFormat() + ")"));
            }
            if (port.getClassification() != null || now.getClassification() != null) {
                classificationOf("output port '" + name + "'", element, ChangeKind.PORT_CLASSIFICATION_LOWERED,
                        ChangeKind.PORT_CLASSIFICATION_RAISED, effective(port.getClassification(), previous),
                        effective(now.getClassification(), next), changes);
            }
        });
        after.keySet().stream().filter(name -> !before.containsKey(name))
                .forEach(name -> changes.add(new Change(ChangeKind.PORT_ADDED, new Element(Part.PORT, name),
                        "output port '" + name + "' was added")));
    }

    /** A change of the classification an element overrides; the product's own counts where it overrides none. */
    private static void classificationOf(String what, Element element, ChangeKind lowered, ChangeKind raised,
                                         Classification was, Classification is, List<Change> changes) {
        if (is.ordinal() < was.ordinal()) {
            changes.add(new Change(lowered, element, "classification of " + what + " was lowered from " + was + " to " + is));
        } else if (is.ordinal() > was.ordinal()) {
            changes.add(new Change(raised, element, "classification of " + what + " was raised from " + was + " to " + is));
        }
    }

    private static Classification effective(Classification override, DataProductContract contract) {
        return Objects.requireNonNullElse(override, contract.getClassification());
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> byName = new LinkedHashMap<>();
        items.forEach(item -> byName.putIfAbsent(name.apply(item), item));
        return byName;
    }
}
