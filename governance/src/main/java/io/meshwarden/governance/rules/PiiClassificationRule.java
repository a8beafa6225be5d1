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
 * Personal data is never classified below a minimum (confidential unless a policy raises it): a
 * product with a pii field is at least that, and so is any classification a pii field declares.
 */
public record PiiClassificationRule(String id, Severity severity, Classification minimum) implements Rule {
    static final Classification DEFAULT_MINIMUM = Classification.CONFIDENTIAL;

    public PiiClassificationRule(String id, Severity severity) {
        this(id, severity, DEFAULT_MINIMUM);
    }

    @Override
    public List<Finding> check(DataProductContract contract) {
        List<FieldSpec> piiFields = contract.getFields().stream().filter(FieldSpec::getPii).toList();
        if (piiFields.isEmpty()) {
            return List.of();
        }
        List<String> names = piiFields.stream().map(FieldSpec::getName).toList();
        if (contract.getClassification().ordinal() < minimum.ordinal()) {
            return List.of(finding("product " + contract.getId() + " is " + contract.getClassification()
                    + " but has pii fields " + names + "; it must be " + atLeast()));
        }
        return piiFields.stream()
                .filter(f -> f.getClassification() != null && f.getClassification().ordinal() < minimum.ordinal())
                .map(f -> finding("pii field '" + f.getName() + "' of " + contract.getId() + " is classified "
                        + f.getClassification() + "; it must be " + atLeast()))
                .toList();
    }

    private String atLeast() {
        return minimum == Classification.RESTRICTED ? "RESTRICTED" : minimum + " or above";
    }

    private Finding finding(String message) {
        return finding(ViolationCategory.CLASSIFICATION, message);
    }
}
