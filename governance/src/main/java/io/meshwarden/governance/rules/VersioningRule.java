package io.meshwarden.governance.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.ContextRule;
import io.meshwarden.governance.diff.SemVer;
import java.util.List;

/**
 * A contract version is MAJOR.MINOR.PATCH and every change raises it above the last accepted
 * version. Re-publishing the accepted contract unchanged is a no-op, not a violation, so that
 * a replay or a retried publish stays harmless.
 */
public record VersioningRule(String id, Severity severity) implements ContextRule {

    @Override
    public List<Finding> check(ContractContext context) {
        DataProductContract next = context.contract();
        var version = SemVer.parse(next.getVersion());
        if (version.isEmpty()) {
            return List.of(finding(ViolationCategory.VERSIONING, "version '" + next.getVersion() + "' of " + next.getId()
                    + " is not a semantic version MAJOR.MINOR.PATCH"));
        }
        DataProductContract previous = context.previous().orElse(null);
        if (previous == null || previous.equals(next)) {
            return List.of();
        }
        boolean raised = SemVer.parse(previous.getVersion()).map(before -> version.get().compareTo(before) > 0).orElse(true);
        if (raised) {
            return List.of();
        }
        return List.of(finding(ViolationCategory.VERSIONING, "version " + next.getVersion() + " of " + next.getId()
                + " does not increase the accepted version " + previous.getVersion()));
    }
}
