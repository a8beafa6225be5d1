package io.meshwarden.governance.rules;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Rule;
import java.util.List;

/** A restricted product has no public output port: restricted data never leaves through an open door. */
public record PortClassificationRule(String id, Severity severity) implements Rule {

    @Override
    public List<Finding> check(DataProductContract contract) {
        if (contract.getClassification() != Classification.RESTRICTED) {
            return List.of();
        }
        return contract.getOutputPorts().stream()
                .filter(port -> port.getClassification() == Classification.PUBLIC)
                .map(port -> finding(ViolationCategory.CLASSIFICATION, "restricted product " + contract.getId()
                        + " has a public output port '" + port.getName() + "'"))
                .toList();
    }
}
