package io.meshwarden.governance.rules;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Rule;
import java.util.List;

/**
 * Personal data is never classified below confidential: a product with a pii field is confidential
 * or restricted, and so is any classification the pii field itself declares.
 */
public record PiiClassificationRule(String id, Severity severity) implements Rule {
    static final Classification MINIMUM = Classification.CONFIDENTIAL;

    @Override
    public List<Finding> check(DataProductContract contract) {
        List<FieldSpec> piiFields = contract.getFields().stream().filter(FieldSpec::getPii).toList();
        if (piiFields.isEmpty()) {
            return List.of();
        }
        List<String> names = piiFields.stream().map(FieldSpec::getName).toList();
        if (contract.getClassification().ordinal() < MINIMUM.ordinal()) {
            return List.of(finding("product " + contract.getId() + " is " + contract.getClassification()
                    + " but has pii fields " + names + "; it must be CONFIDENTIAL or RESTRICTED"));
        }
        return piiFields.stream()
                .filter(f -> f.getClassification() != null && f.getClassification().ordinal() < MINIMUM.ordinal())
                .map(f -> finding("pii field '" + f.getName() + "' of " + contract.getId() + " is classified "
                        + f.getClassification() + "; it must be CONFIDENTIAL or RESTRICTED"))
                .toList();
    }

    private Finding finding(String message) {
        return new Finding(id, ViolationCategory.CLASSIFICATION, severity, message);
    }
}
