package io.meshwarden.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Instant;
import java.util.List;

/** Turns an evaluation's findings into violation events for one contract change. */
public final class Violations {
    private Violations() {
    }

    /** The violations of every evaluation of a verdict, each naming the policy set that found it. */
    public static List<Violation> of(Verdict verdict, ContractChange change, Instant detectedAt) {
        return verdict.evaluations().stream().flatMap(e -> of(e, change, detectedAt).stream()).toList();
    }

    /**
     * One violation per finding, occasioned by the change: re-evaluating the same change (a replay
     * after a crash) yields the same ids and downstream stays deduplicated.
     */
    public static List<Violation> of(Evaluation evaluation, ContractChange change, Instant detectedAt) {
        return evaluation.findings().stream().map(finding -> ViolationFactory.violation(change.getProductId(),
                        change.getContract().getDomain(), new ViolationRule(finding.ruleId(), finding.category(),
                                finding.severity()), ViolationStatus.BREACH, change.getChangeId(), detectedAt)
                .setMessage(finding.message())
                .setPolicySetId(evaluation.policySet().id())
                .setPolicySetVersion(evaluation.policySet().version())
                .setContractVersion(change.getContract().getVersion())
                .setSourceChangeId(change.getChangeId())
                .build()).toList();
    }
}
