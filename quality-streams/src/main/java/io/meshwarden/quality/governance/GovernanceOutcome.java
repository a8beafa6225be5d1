package io.meshwarden.quality.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.Violation;
import java.util.List;

/** What governance concluded about one contract change: its decision and violations, and the contract if accepted. */
record GovernanceOutcome(ContractChange change, Decision decision, List<Violation> violations, boolean accepted) {

    DataProductContract contract() {
        return change.getContract();
    }
}
