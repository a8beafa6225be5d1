package io.meshwarden.quality.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.governance.Violations;
import io.meshwarden.quality.governance.ContractBreaches.BrokenRule;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lifecycle of a product's policy violations, pure: given what the product broke so far
 * ({@link ContractBreaches}) and its next judgement, the violations to publish and what it breaks
 * next. A rule that is no longer broken gets a RECOVERY of the same product and rule, which is what
 * resolves the SLA monitor's alert {@code <productId>/<ruleId>}.
 * <ul>
 *   <li>an accepted version: its breaches replace those in force; each rule the previous version in
 *   force broke and this one does not recovers (occasion: the change), and so does each rule only the
 *   last rejected proposal broke (a recovery marked {@code rejectedChange});</li>
 *   <li>a rejected change: the version in force is unchanged; its violations are published once per
 *   proposed contract (a repeat of the last rejected proposal publishes nothing), and a rule only the
 *   previous rejected proposal broke recovers, marked {@code rejectedChange};</li>
 *   <li>the policy sets in force changed: a rule the contract in force now breaks is a BREACH in
 *   force, a rule it no longer breaks a RECOVERY (occasion: the sets in force), except a rule that
 *   compares a version with the one before it ({@code sticky}), which only the next version can judge.</li>
 * </ul>
 */
final class RuleLifecycle {

    /** What to publish, and what the product breaks afterwards. */
    record Step(ContractBreaches next, List<Violation> published) {
    }

    private RuleLifecycle() {
    }

    static Step accepted(ContractBreaches before, ContractChange change, List<Violation> breaches, Instant now) {
        Set<String> broken = ruleIds(breaches);
        Set<String> inForce = before.inForce().stream().map(BrokenRule::ruleId).collect(Collectors.toSet());
        List<Violation> published = new ArrayList<>(breaches);
        String because = "version " + change.getContract().getVersion() + " was accepted (change " + change.getChangeId()
                + ") and no longer breaks it";
        for (BrokenRule rule : before.inForce()) {
            if (!broken.contains(rule.ruleId())) {
                published.add(recovery(change.getContract(), change.getProductId(), rule, change.getChangeId(),
                        change.getChangeId(), false, because, now));
            }
        }
        for (BrokenRule rule : before.proposal()) {
            if (!broken.contains(rule.ruleId()) && !inForce.contains(rule.ruleId())) {
                published.add(recovery(change.getContract(), change.getProductId(), rule, change.getChangeId(),
                        change.getChangeId(), true, because, now));
            }
        }
        return new Step(new ContractBreaches(rules(breaches), List.of(), null), published);
    }

    static Step rejected(ContractBreaches before, ContractChange change, List<Violation> breaches, Instant now) {
        String occasion = Violations.proposal(change.getContract());
        if (occasion.equals(before.proposalOccasion())) {
            return new Step(before, List.of());
        }
        Set<String> broken = ruleIds(breaches);
        List<Violation> published = new ArrayList<>(breaches);
        for (BrokenRule rule : before.proposal()) {
            if (!broken.contains(rule.ruleId()) && before.inForce(rule.ruleId()).isEmpty()) {
                published.add(recovery(change.getContract(), change.getProductId(), rule, occasion, change.getChangeId(),
                        true, "the next proposal, version " + change.getContract().getVersion() + " (change "
                                + change.getChangeId() + "), no longer breaks it", now));
            }
        }
        return new Step(new ContractBreaches(before.inForce(), rules(breaches), occasion), published);
    }

    /**
     * @param found    the contract in force judged by the sets now in force, occasioned by them
     * @param sticky   rules that compare a version with its predecessor: kept as they were
     * @param occasion what changed: the policy sets now in force
     */
    static Step reevaluated(ContractBreaches before, DataProductContract contract, List<Violation> found,
                            Set<String> sticky, String occasion, Instant now) {
        Set<String> broken = ruleIds(found);
        List<Violation> published = new ArrayList<>();
        Map<String, BrokenRule> next = new LinkedHashMap<>();
        for (BrokenRule rule : before.inForce()) {
            if (broken.contains(rule.ruleId()) || sticky.contains(rule.ruleId())) {
                next.put(rule.ruleId(), rule);
            } else {
                published.add(recovery(contract, contract.getId(), rule, occasion, null, false,
                        "the policy sets in force changed (" + occasion + ") and version " + contract.getVersion()
                                + " in force no longer breaks it", now));
            }
        }
        for (Violation breach : found) {
            if (!next.containsKey(breach.getRuleId())) {
                next.put(breach.getRuleId(), BrokenRule.of(breach));
                published.add(breach);
            }
        }
        return new Step(new ContractBreaches(List.copyOf(next.values()), before.proposal(), before.proposalOccasion()),
                published);
    }

    private static Violation recovery(DataProductContract contract, String productId, BrokenRule rule, String occasion,
                                      String changeId, boolean rejectedChange, String because, Instant now) {
        return ViolationFactory.violation(productId, contract.getDomain(),
                        new ViolationRule(rule.ruleId(), rule.category(), rule.severity()), ViolationStatus.RECOVERY, occasion, now)
                .setMessage(productId + " complies with rule " + rule.ruleId() + " again: " + because)
                .setPolicySetId(rule.policySetId())
                .setPolicySetVersion(rule.policySetVersion())
                .setContractVersion(contract.getVersion())
                .setSourceChangeId(changeId)
                .setRejectedChange(rejectedChange)
                .build();
    }

    private static Set<String> ruleIds(List<Violation> violations) {
        return violations.stream().map(Violation::getRuleId).collect(Collectors.toSet());
    }

    /** Each rule once, as its first violation names it. */
    private static List<BrokenRule> rules(List<Violation> breaches) {
        Map<String, BrokenRule> rules = new LinkedHashMap<>();
        breaches.forEach(breach -> rules.putIfAbsent(breach.getRuleId(), BrokenRule.of(breach)));
        return List.copyOf(rules.values());
    }
}
