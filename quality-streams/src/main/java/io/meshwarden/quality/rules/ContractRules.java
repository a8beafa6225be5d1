package io.meshwarden.quality.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.QualityUnit;
import io.meshwarden.avro.Severity;
import io.meshwarden.governance.text.LinearPattern;
import io.meshwarden.schemas.violation.ViolationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A contract's quality rules ({@code qualityRules}, the ODCS {@code quality[]} entries), split into
 * those the stream checks ({@link CheckedRule}, regular expressions compiled once per contract
 * version) and those it does not, each with the reason: {@code sql} and {@code custom} rules, and
 * rules that lack what their metric needs (an operator, a threshold, a property, valid values).
 * Nothing is dropped silently: the rules not evaluated are logged when the contract is accepted
 * and listed in every quality snapshot.
 */
public record ContractRules(List<CheckedRule> checked, Map<String, String> notEvaluated) {
    public static final ContractRules NONE = new ContractRules(List.of(), Map.of());
    private static final Set<String> BLOCKING = Set.of("error", "critical", "blocking", "high", "fatal");

    public ContractRules {
        checked = List.copyOf(checked);
        notEvaluated = Map.copyOf(notEvaluated);
    }

    public static ContractRules of(DataProductContract contract) {
        if (contract.getQualityRules().isEmpty()) {
            return NONE;
        }
        List<CheckedRule> checked = new ArrayList<>();
        Map<String, String> notEvaluated = new LinkedHashMap<>();
        for (QualityRule rule : contract.getQualityRules()) {
            try {
                checked.add(compile(rule));
            } catch (NotEvaluated e) {
                notEvaluated.put(rule.getPath(), e.getMessage());
            }
        }
        return new ContractRules(checked, notEvaluated);
    }

    public boolean isEmpty() {
        return checked.isEmpty() && notEvaluated.isEmpty();
    }

    /** The fields whose nulls the rules count (observed mode counts them besides the required fields). */
    public Set<String> nullFields() {
        Set<String> fields = new LinkedHashSet<>();
        checked.stream().filter(rule -> rule.metric() == QualityMetric.NULL_VALUES).forEach(rule -> fields.add(rule.field()));
        return fields;
    }

    public Optional<CheckedRule> byRuleId(String ruleId) {
        return checked.stream().filter(rule -> rule.rule().ruleId().equals(ruleId)).findFirst();
    }

    private static CheckedRule compile(QualityRule rule) {
        String metricName = rule.getMetric() == null ? "" : rule.getMetric().strip();
        if (metricName.equalsIgnoreCase("sql") || metricName.equalsIgnoreCase("custom")) {
            throw new NotEvaluated(metricName.toLowerCase(Locale.ROOT) + " rules are kept but not evaluated on the stream");
        }
        QualityMetric metric = QualityMetric.named(metricName)
                .orElseThrow(() -> new NotEvaluated("unknown metric '" + metricName + "'"));
        if (rule.getOperator() == null) {
            throw new NotEvaluated("no operator (mustBe, mustBeLessThan, ...)");
        }
        QualityOperator operator = QualityOperator.named(rule.getOperator())
                .orElseThrow(() -> new NotEvaluated("unknown operator '" + rule.getOperator() + "'"));
        if (rule.getThreshold() == null || operator.isRange() && rule.getThresholdHigh() == null) {
            throw new NotEvaluated(operator.odcsName() + " needs " + (operator.isRange() ? "two bounds" : "a threshold"));
        }
        boolean percent = rule.getUnit() == QualityUnit.PERCENT;
        if (metric == QualityMetric.ROW_COUNT && percent) {
            throw new NotEvaluated("a row count is in rows, not percent");
        }
        boolean needsField = metric == QualityMetric.NULL_VALUES || metric == QualityMetric.MISSING_VALUES
                || metric == QualityMetric.INVALID_VALUES;
        if (needsField && rule.getField() == null) {
            throw new NotEvaluated(metric.odcsName() + " on the whole object is not evaluated: it needs a property");
        }
        if (metric == QualityMetric.INVALID_VALUES && rule.getValues().isEmpty() && rule.getPattern() == null) {
            throw new NotEvaluated("invalidValues needs validValues or a pattern");
        }
        com.google.re2j.Pattern pattern = metric == QualityMetric.INVALID_VALUES && rule.getPattern() != null ? pattern(rule.getPattern()) : null;
        ViolationRule violationRule;
        try {
            violationRule = ViolationRule.qualityRule(rule.getPath(), metric.category(), severity(rule.getSeverity()));
        } catch (IllegalArgumentException e) {
            throw new NotEvaluated("the path cannot name a rule: " + e.getMessage());
        }
        return new CheckedRule(rule.getPath(), metric == QualityMetric.ROW_COUNT ? null : rule.getField(), metric, operator,
                rule.getThreshold(), operator.isRange() ? rule.getThresholdHigh() : rule.getThreshold(), percent,
                metric == QualityMetric.MISSING_VALUES || metric == QualityMetric.INVALID_VALUES
                        ? new LinkedHashSet<>(rule.getValues()) : Set.of(),
                pattern, violationRule);
    }

    private static com.google.re2j.Pattern pattern(String regex) {
        try {
            return LinearPattern.compile(regex);
        } catch (IllegalArgumentException e) {
            throw new NotEvaluated("the pattern: " + e.getMessage());
        }
    }

    /** ODCS leaves severity free text: error, critical, blocking, high and fatal block; anything else warns. */
    static Severity severity(String odcs) {
        return odcs != null && BLOCKING.contains(odcs.strip().toLowerCase(Locale.ROOT)) ? Severity.BLOCKING : Severity.WARNING;
    }

    /** Why a rule is not evaluated; caught in {@link #of}, never thrown out of it. */
    private static final class NotEvaluated extends RuntimeException {
        NotEvaluated(String reason) {
            super(reason, null, false, false);
        }
    }
}
