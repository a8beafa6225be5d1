package io.meshwarden.quality.governance;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may approve a global policy set that loosens the one in force, and how many must. From the
 * service's configuration, never from a record: one published record cannot name its own approvers.
 *
 * @param stewards          the names an approval must carry ({@code meshwarden.governance.stewards}); none: no loosening
 *                          can take effect
 * @param approvalsRequired distinct stewards who must approve ({@code meshwarden.governance.approvals.required}, 2)
 */
public record GovernanceOptions(Set<String> stewards, int approvalsRequired) {

    public GovernanceOptions {
        stewards = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(stewards));
        if (approvalsRequired < 1) {
            throw new IllegalArgumentException(Settings.GOVERNANCE_APPROVALS_REQUIRED.key() + " must be at least 1, not "
                    + approvalsRequired);
        }
    }

    /** No stewards: every loosening of the global set stays held. */
    public static GovernanceOptions defaults() {
        return new GovernanceOptions(Set.of(), 2);
    }

    public static GovernanceOptions from(MeshwardenConfig config) {
        Set<String> stewards = new TreeSet<>();
        Arrays.stream(config.get(Settings.GOVERNANCE_STEWARDS).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(stewards::add);
        return new GovernanceOptions(stewards, Integer.parseInt(config.get(Settings.GOVERNANCE_APPROVALS_REQUIRED).strip()));
    }
}
