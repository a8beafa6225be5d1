package io.meshwarden.quality.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.Violation;
import java.util.List;

/**
 * What governance concluded about one contract change: its decision, the violations to publish
 * (its breaches and the recoveries it brings, or nothing for a repeated rejected proposal), the
 * contract if accepted, and the version it replaced (null for a new product), from which lineage
 * changes follow. Or, with no change and no decision, what a change of the policy sets in force
 * means for a contract in force ({@link #reevaluated}).
 */
record GovernanceOutcome(ContractChange change, Decision decision, List<Violation> violations, boolean accepted,
                         DataProductContract previous) {

    static GovernanceOutcome reevaluated(List<Violation> violations) {
        return new GovernanceOutcome(null, null, violations, false, null);
    }

    /** The decision, if this is about a change. */
    List<Decision> decisions() {
        return decision == null ? List.of() : List.of(decision);
    }

    DataProductContract contract() {
        return change.getContract();
    }
}
