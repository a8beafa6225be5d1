package io.meshwarden.governance.rules;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Data is kept no longer than its classification allows: a ceiling in days per classification
 * (a missing ceiling means no limit), and optionally a declared retention at all.
 */
public record RetentionCeilingRule(String id, Severity severity, Map<Classification, Long> maxDays,
                                   boolean requireRetention) implements Rule {

    @Override
    public List<Finding> check(DataProductContract contract) {
        Long retentionMs = contract.getRetentionMs();
        if (retentionMs == null) {
            return requireRetention ? List.of(finding(ViolationCategory.RETENTION,
                    "product " + contract.getId() + " declares no retention")) : List.of();
        }
        Long ceiling = maxDays.get(contract.getClassification());
        if (ceiling == null || retentionMs <= Duration.ofDays(ceiling).toMillis()) {
            return List.of();
        }
        return List.of(finding(ViolationCategory.RETENTION, "product " + contract.getId() + " keeps "
                + contract.getClassification() + " data for " + Duration.ofMillis(retentionMs).toDays()
                + " days; at most " + ceiling + " days are allowed"));
    }
}
