package io.meshwarden.quality.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.Violation;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * What governance concluded about one contract change: its decision, the violations to publish
 * (its breaches and the recoveries it brings, or nothing for a repeated rejected proposal), the
 * contract if accepted, and the version it replaced (null for a new product), from which lineage
 * changes follow, and the major version it supersedes (null: none), which stays in the catalog deprecated. Or, with no change and no decision, what a change of the policy sets in force
 * means for a contract in force ({@link #reevaluated}).
 */
record GovernanceOutcome(ContractChange change, Decision decision, List<Violation> violations, boolean accepted,
                         DataProductContract previous, DataProductContract superseded) {

    static GovernanceOutcome reevaluated(List<Violation> violations) {
        return new GovernanceOutcome(null, null, violations, false, null, null);
    }

    /** The decision, if this is about a change. */
    List<Decision> decisions() {
        return decision == null ? List.of() : List.of(decision);
    }

    DataProductContract contract() {
        return change.getContract();
    }

    /**
     * What the change writes to the catalog: an accepted contract, then the major it supersedes under that major's own id;
     * or, for a change of a superseded major (not {@code accepted}: the version in force stays), only that major's entry.
     */
    List<KeyValue<String, DataProductContract>> catalogRecords(String productId) {
        List<KeyValue<String, DataProductContract>> records = new ArrayList<>();
        if (accepted) {
            records.add(KeyValue.pair(productId, contract()));
        }
        if (superseded != null) {
            records.add(KeyValue.pair(superseded.getId(), superseded));
        }
        return records;
    }
}
