package io.meshwarden.governance.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.ContextRule;
import io.meshwarden.governance.diff.Bump;
import io.meshwarden.governance.diff.ContractDiff;
import io.meshwarden.governance.diff.SemVer;
import java.util.List;

/**
 * A breaking change (see {@link ContractDiff}) needs a major version bump: consumers pin a major
 * version, and a breaking change under the same major would break them without warning. The CLI's
 * {@code diff} reads the same classification ({@link io.meshwarden.governance.diff.VersionCheck}).
 */
public record CompatibilityRule(String id, Severity severity) implements ContextRule {

    @Override
    public List<Finding> check(ContractContext context) {
        DataProductContract previous = context.previous().orElse(null);
        DataProductContract next = context.contract();
        if (previous == null) {
            return List.of();
        }
        var before = SemVer.parse(previous.getVersion());
        var after = SemVer.parse(next.getVersion());
        if (before.isEmpty() || after.isEmpty() || Bump.between(before.get(), after.get()) == Bump.MAJOR) {
            return List.of();
        }
        List<String> breaking = ContractDiff.breakingChanges(previous, next);
        if (breaking.isEmpty()) {
            return List.of();
        }
        return List.of(finding(ViolationCategory.COMPATIBILITY, "version " + next.getVersion() + " of " + next.getId()
                + " breaks consumers of " + previous.getVersion() + " without a major version bump: "
                + String.join("; ", breaking)));
    }
}
