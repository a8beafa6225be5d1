package io.meshwarden.quality.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.Violation;
import java.util.List;

/**
 * What governance concluded about one contract change: its decision and violations, the contract
 * if accepted, and the version it replaced (null for a new product), from which lineage changes follow.
 */
record GovernanceOutcome(ContractChange change, Decision decision, List<Violation> violations, boolean accepted,
                         DataProductContract previous) {

    DataProductContract contract() {
        return change.getContract();
    }
}
