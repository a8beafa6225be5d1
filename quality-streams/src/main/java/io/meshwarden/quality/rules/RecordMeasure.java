package io.meshwarden.quality.rules;

import io.meshwarden.avro.MetricEvent;
import io.meshwarden.quality.completeness.Counts;
import io.meshwarden.schemas.validation.FieldChecks;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Observed mode: what one decoded record contributes to its product's quality rules, written into
 * its one-record measurement. Nulls of the fields nullValues rules check; missing and invalid
 * values per rule path (each rule has its own list or pattern); and, for duplicateValues rules,
 * the canonical text of each checked value ({@code observedValues}, by field, {@value Counts#WHOLE_RECORD}
 * for the whole record), so that the quality processor, where all of a product's records meet,
 * counts duplicates exactly.
 */
public final class RecordMeasure {

    private RecordMeasure() {
    }

    /**
     * Adds the record's value of each declared measure to the measurement's loaded totals. A value that is null
     * or not a number adds nothing: its absence shows as a deviation when the totals are reconciled.
     */
    public static void totals(List<String> measures, FieldValues record, MetricEvent.Builder measurement) {
        if (measures.isEmpty()) {
            return;
        }
        Map<String, Double> totals = new TreeMap<>();
        for (String measure : measures) {
            String text = record.text(measure);
            if (text == null) {
                continue;
            }
            try {
                double value = Double.parseDouble(text);
                if (Double.isFinite(value) && Math.abs(value) <= FieldChecks.MAX_TOTAL) {
                    totals.put(measure, value);
                }
            } catch (NumberFormatException e) {
                // not a number: adds nothing, as documented above
            }
        }
        measurement.setLoadedTotals(totals);
    }

    /** Adds the record's counts to the measurement; {@code nulls} already holds the required fields found null. */
    public static void measure(ContractRules rules, FieldValues record, Map<String, Long> nulls, MetricEvent.Builder measurement) {
        if (rules.checked().isEmpty()) {
            return;
        }
        Map<String, Long> missing = new TreeMap<>();
        Map<String, Long> invalid = new TreeMap<>();
        Map<String, String> values = new TreeMap<>();
        for (CheckedRule rule : rules.checked()) {
            switch (rule.metric()) {
                case NULL_VALUES -> {
                    if (record.text(rule.field()) == null) {
                        nulls.put(rule.field(), 1L);
                    }
                }
                case MISSING_VALUES -> {
                    if (rule.isMissing(record.text(rule.field()))) {
                        missing.put(rule.path(), 1L);
                    }
                }
                case INVALID_VALUES -> {
                    if (rule.isInvalid(record.text(rule.field()))) {
                        invalid.put(rule.path(), 1L);
                    }
                }
                case DUPLICATE_VALUES -> {
                    String value = rule.field() == null ? record.canonicalRecord() : record.canonical(rule.field());
                    if (value != null) {
                        values.put(rule.duplicateKey(), value);
                    }
                }
                case ROW_COUNT -> {
                    // counted by the measurement itself: one record loaded
                }
            }
        }
        measurement.setFieldNullCounts(nulls).setFieldMissingCounts(missing).setFieldInvalidCounts(invalid)
                .setObservedValues(values);
    }
}
