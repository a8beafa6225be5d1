package io.meshwarden.governance.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Rule;
import java.util.List;

/** At least {@code minPercent} of a product's fields carry a description (all of them by default). */
public record DocumentationCoverageRule(String id, Severity severity, double minPercent) implements Rule {

    @Override
    public List<Finding> check(DataProductContract contract) {
        List<String> undocumented = contract.getFields().stream()
                .filter(f -> f.getDescription() == null || f.getDescription().isBlank())
                .map(FieldSpec::getName).toList();
        if (contract.getFields().isEmpty() || undocumented.isEmpty()) {
            return List.of();
        }
        double coverage = 100.0 * (contract.getFields().size() - undocumented.size()) / contract.getFields().size();
        if (coverage >= minPercent) {
            return List.of();
        }
        return List.of(finding(ViolationCategory.DOCUMENTATION, String.format(java.util.Locale.ROOT,
                "%.0f%% of the fields of %s are described, %.0f%% are required; undescribed: %s",
                coverage, contract.getId(), minPercent, undocumented)));
    }
}
