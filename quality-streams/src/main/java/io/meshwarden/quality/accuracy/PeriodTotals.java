package io.meshwarden.quality.accuracy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the accuracy store keeps of one period of one product: the source platform's latest control total
 * per measure, and once the period has closed, the totals the pipeline loaded in it and the measures whose
 * deviation broke the tolerance.
 *
 * @param control  per measure, the source's control total as last reported (a restatement replaces it)
 * @param loaded   per measure, what was loaded in the period; empty until it closed
 * @param closed   true once the period closed: its loaded totals are final and it has been judged
 * @param breached the measures out of tolerance in this period
 */
public record PeriodTotals(Map<String, Double> control, Map<String, Double> loaded, boolean closed, Set<String> breached) {
    static final PeriodTotals NONE = new PeriodTotals(Map.of(), Map.of(), false, Set.of());

    public PeriodTotals {
        control = Map.copyOf(control);
        loaded = Map.copyOf(loaded);
        breached = Set.copyOf(breached);
    }

    /** These totals with the source's newer report: each measure it names replaces the earlier total. */
    PeriodTotals reported(Map<String, Double> report) {
        Map<String, Double> merged = new TreeMap<>(control);
        merged.putAll(report);
        return new PeriodTotals(merged, loaded, closed, breached);
    }

    /** The closed period judged: each measure with a control total, its deviation against the tolerance. */
    PeriodTotals judged(Map<String, Double> loadedTotals, double tolerance) {
        Set<String> out = new TreeSet<>();
        control.forEach((measure, source) -> {
            if (!Reconciliation.within(loadedTotals.getOrDefault(measure, 0.0), source, tolerance)) {
                out.add(measure);
            }
        });
        return new PeriodTotals(control, loadedTotals, true, out);
    }

    /** Worth keeping: there is something to reconcile against, now or after a restatement. */
    boolean worthKeeping() {
        return !control.isEmpty() || !loaded.isEmpty() || !closed;
    }
}
