package io.meshwarden.sla.history;

import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.Violation;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Comparator;
import java.util.List;

/**
 * Governance's decision on one contract change: the version proposed, ACCEPTED, ACCEPTED_WITH_WARNINGS
 * or REJECTED (a rejected one is a proposal that did not take effect: feedback to its domain, not an
 * incident), the policy sets evaluated, and the violations that decided it.
 */
@Serdeable
public record DecisionView(String changeId, String productId, String domain, String contractVersion, String outcome,
                           boolean rejected, String decidedAt, List<String> policySets, List<Finding> violations) {
    public static final Comparator<DecisionView> NEWEST_FIRST = Comparator.comparing(DecisionView::decidedAt)
            .reversed().thenComparing(DecisionView::changeId);

    /** One violation of a decision: its rule, severity and message. */
    @Serdeable
    public record Finding(String ruleId, String severity, String message) {
    }

    public static DecisionView of(Decision decision) {
        return new DecisionView(decision.getChangeId(), decision.getProductId(), domain(decision),
                decision.getContractVersion(), decision.getOutcome().name(), decision.getOutcome() == DecisionOutcome.REJECTED,
                decision.getDecidedAt().toString(), List.copyOf(decision.getPolicySets()),
                decision.getViolations().stream().map(v -> new Finding(v.getRuleId(), v.getSeverity().name(), v.getMessage())).toList());
    }

    /** The domain its violations name; without violations, the product id's first segment. */
    static String domain(Decision decision) {
        return decision.getViolations().stream().map(Violation::getDomain).filter(d -> d != null && !d.isEmpty()).findFirst()
                .orElseGet(() -> {
                    int dot = decision.getProductId().indexOf('.');
                    return dot < 0 ? decision.getProductId() : decision.getProductId().substring(0, dot);
                });
    }
}
