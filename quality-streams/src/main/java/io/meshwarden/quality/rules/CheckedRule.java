package io.meshwarden.quality.rules;

import io.meshwarden.quality.completeness.Counts;
import io.meshwarden.schemas.violation.ViolationRule;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.google.re2j.Pattern;

/**
 * One contract quality rule in the form the stream checks it: what it counts over a window step,
 * compared how with what. A count is in rows, or in percent of the step's rows.
 *
 * <p>Semantics, as the ODCS tools (datacontract-cli, Soda) define them: a null is always missing,
 * whatever the rule's {@code missingValues} list, and never invalid or a duplicate (it is counted
 * by nullValues and missingValues); a value is invalid when it is not among the valid values or
 * does not match the pattern (found anywhere in the value, as JSON Schema's {@code pattern}: anchor
 * it with {@code ^...$}); values are compared as text. Duplicates are the rows of the step minus
 * its distinct values.
 *
 * @param field   the property checked; null for a rule on the whole object (row count, duplicate records)
 * @param values  missingValues: the values that count as missing; invalidValues: the valid values
 * @param pattern invalidValues: the pattern a valid value matches; null for none
 */
public record CheckedRule(String path, String field, QualityMetric metric, QualityOperator operator, double threshold,
                          double high, boolean percent, Set<String> values, Pattern pattern, ViolationRule rule) {

    public CheckedRule {
        values = Set.copyOf(values);
    }

    /** Whether a value (its text; null when null or absent) is missing by this rule. */
    public boolean isMissing(String text) {
        return text == null || values.contains(text);
    }

    /** Whether a value (its text; null when null or absent) is invalid by this rule. */
    public boolean isInvalid(String text) {
        if (text == null) {
            return false;
        }
        return !values.isEmpty() && !values.contains(text) || pattern != null && !pattern.matcher(text).find();
    }

    /** The key of this rule's duplicate counts in {@link Counts#duplicates()}: its field, or the whole record. */
    public String duplicateKey() {
        return field == null ? Counts.WHOLE_RECORD : field;
    }

    /** What this rule measures over a step: a count of rows or a percentage of them; empty for a percentage of no rows. */
    public Optional<Double> measure(Counts step) {
        long count = switch (metric) {
            case ROW_COUNT -> step.received();
            case NULL_VALUES -> step.nulls().getOrDefault(field, 0L);
            case MISSING_VALUES -> byPathOrField(step.missing());
            case INVALID_VALUES -> byPathOrField(step.invalid());
            case DUPLICATE_VALUES -> step.duplicates().getOrDefault(duplicateKey(), 0L);
        };
        if (!percent) {
            return Optional.of((double) count);
        }
        return step.received() == 0 ? Optional.empty() : Optional.of(100.0 * count / step.received());
    }

    public boolean passes(double value) {
        return operator.holds(value, threshold, high);
    }

    /** E.g. {@code "nullValues of email must be <= 5 rows"}. */
    public String describe() {
        String subject = metric.odcsName() + (field == null ? "" : " of " + field);
        return subject + " must be " + operator.expectation(threshold, high) + (percent ? " %" : " rows");
    }

    /** Observed mode counts by rule path (each rule its own list or pattern); a pipeline's own events count by field. */
    private long byPathOrField(Map<String, Long> counts) {
        Long byPath = counts.get(path);
        return byPath != null ? byPath : counts.getOrDefault(field, 0L);
    }
}
