package io.meshwarden.quality.rules;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.catalog.Guarantees;
import io.meshwarden.quality.completeness.Counts;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Judges a product's quality rules on each closed window step: measures every checked rule over
 * the step's counts, writes a BREACH when a rule fails and was not in breach, and a RECOVERY when
 * a breached rule passes again or is no longer checked (removed from the contract, or the product
 * deprecated). A percentage of a step without rows leaves the rule's state as it was. Violations
 * are named {@code quality:<path>}, carry the measured value and the threshold, and take the
 * step's end as their occasion, so a replay produces the same ids.
 */
public final class RuleJudge {

    /** What the step measured (rule path to value) and the quality rules in breach after it. */
    public record Result(Map<String, Double> values, Set<String> breached) {
    }

    private RuleJudge() {
    }

    /** @param breachedBefore the quality rule ids ({@code quality:<path>}) in breach before this step */
    public static Result judge(Guarantees product, long stepStart, long stepEnd, Counts step, Set<String> breachedBefore,
                               long now, Consumer<Violation> out) {
        Map<String, Double> values = new LinkedHashMap<>();
        Set<String> breached = new TreeSet<>(breachedBefore);
        ContractRules rules = product.checked() ? product.rules() : ContractRules.NONE;
        for (CheckedRule rule : rules.checked()) {
            Optional<Double> measured = rule.measure(step);
            if (measured.isEmpty()) {
                continue;
            }
            double value = measured.get();
            values.put(rule.path(), value);
            boolean breaking = !rule.passes(value);
            if (breaking != breached.contains(rule.rule().ruleId())) {
                out.accept(violation(product, rule.rule(), breaking, describe(product, rule, value, stepStart, stepEnd),
                        value, rule.threshold(), stepStart, stepEnd, now));
                if (breaking) {
                    breached.add(rule.rule().ruleId());
                } else {
                    breached.remove(rule.rule().ruleId());
                }
            }
        }
        for (String ruleId : breachedBefore) {
            if (rules.byRuleId(ruleId).isEmpty()) {
                String path = ViolationRule.qualityRulePath(ruleId).orElse(ruleId);
                ViolationRule gone = ViolationRule.qualityRule(path, ViolationCategory.OTHER, ContractRules.severity(null));
                out.accept(violation(product, gone, false, product.productId() + " quality rule " + path + " is no longer checked",
                        null, null, stepStart, stepEnd, now));
                breached.remove(ruleId);
            }
        }
        return new Result(values, breached);
    }

    private static String describe(Guarantees product, CheckedRule rule, double value, long stepStart, long stepEnd) {
        return String.format(Locale.ROOT, "%s quality rule %s over [%s, %s): %s measured %s%s, the contract says %s",
                product.productId(), rule.path(), Instant.ofEpochMilli(stepStart), Instant.ofEpochMilli(stepEnd),
                rule.metric().odcsName() + (rule.field() == null ? "" : " of " + rule.field()), QualityOperator.number(value),
                rule.percent() ? " %" : " rows", rule.describe());
    }

    private static Violation violation(Guarantees product, ViolationRule rule, boolean breach, String message, Double observed,
                                       Double threshold, long stepStart, long stepEnd, long now) {
        return ViolationFactory.violation(product.productId(), product.domain(), rule,
                        breach ? ViolationStatus.BREACH : ViolationStatus.RECOVERY, Long.toString(stepEnd), Instant.ofEpochMilli(now))
                .setContractVersion(product.contractVersion()).setMessage(message)
                .setObservedValue(observed).setTargetValue(threshold)
                .setWindowStart(Instant.ofEpochMilli(stepStart)).setWindowEnd(Instant.ofEpochMilli(stepEnd))
                .build();
    }
}
