package io.meshwarden.lineage;

import io.meshwarden.avro.AnomalyBand;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.schemas.SnapshotBands;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.DataQualityAssertionsDatasetFacetAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a quality snapshot says passed or failed, as OpenLineage data-quality assertions, each only
 * when the snapshot has what it takes to judge it:
 * <ul>
 * <li>{@code completeness}: the window's completeness at least its target;</li>
 * <li>{@code required_field_completeness} per required field (the column): its non-null ratio at
 * least the same target, as quality-streams judges it;</li>
 * <li>{@code freshness}: the newest record no older than the contract's freshness limit when the
 * snapshot was computed;</li>
 * <li>one per evaluated ODCS quality rule, named {@code <metric> <operator> <threshold>} on its
 * field: the value quality-streams measured over the last window step against the rule;</li>
 * <li>{@code anomaly:<metric>}: the anomaly detector's band held (only for judged metrics, not while
 * warming up or in maintenance), from the bands the topology attached to the snapshot: its own, else
 * the product's latest on {@code quality.anomaly-bands} ({@link SnapshotBands}).</li>
 * </ul>
 * The ODCS operators are compared here again because quality-streams keeps its operator logic to
 * itself and this module meets it only through topics; the comparison is the ODCS definition
 * (bounds of a between inclusive).
 */
final class QualityAssertions {
    private QualityAssertions() {
    }

    static List<DataQualityAssertionsDatasetFacetAssertions> of(OpenLineage openLineage, QualitySnapshot snapshot,
                                                               DataProductContract contract) {
        List<DataQualityAssertionsDatasetFacetAssertions> assertions = new ArrayList<>();
        Double target = snapshot.getCompletenessTarget();
        if (target != null && snapshot.getCompleteness() != null) {
            assertions.add(openLineage.newDataQualityAssertionsDatasetFacetAssertions("completeness",
                    snapshot.getCompleteness() >= target, null));
        }
        if (target != null) {
            snapshot.getRequiredFieldCompleteness().forEach((field, ratio) -> assertions.add(
                    openLineage.newDataQualityAssertionsDatasetFacetAssertions("required_field_completeness", ratio >= target, field)));
        }
        Long maxAge = contract.getGuarantees() == null ? null : contract.getGuarantees().getFreshnessMaxAgeMs();
        if (maxAge != null && snapshot.getNewestRecordTime() != null) {
            long age = snapshot.getComputedAt().toEpochMilli() - snapshot.getNewestRecordTime().toEpochMilli();
            assertions.add(openLineage.newDataQualityAssertionsDatasetFacetAssertions("freshness", age <= maxAge, null));
        }
        Map<String, Double> values = snapshot.getQualityRuleValues();
        for (QualityRule rule : contract.getQualityRules()) {
            Double value = values.get(rule.getPath());
            Boolean holds = value == null ? null : holds(rule, value);
            if (holds != null) {
                assertions.add(openLineage.newDataQualityAssertionsDatasetFacetAssertions(describe(rule), holds, rule.getField()));
            }
        }
        snapshot.getAnomalyBands().forEach((metric, band) -> {
            if (judged(band)) {
                assertions.add(openLineage.newDataQualityAssertionsDatasetFacetAssertions("anomaly:" + metric,
                        !"anomalous".equals(band.getState()), null));
            }
        });
        return assertions;
    }

    private static boolean judged(AnomalyBand band) {
        return "normal".equals(band.getState()) || "anomalous".equals(band.getState());
    }

    /** Whether {@code value} passes the rule; null when the rule has no operator or bound to compare with. */
    static Boolean holds(QualityRule rule, double value) {
        Double threshold = rule.getThreshold();
        Double high = rule.getThresholdHigh();
        if (rule.getOperator() == null || threshold == null) {
            return null;
        }
        // ODCS writes the operators in camel case; other cases are accepted, as quality-streams accepts them.
        return switch (rule.getOperator().toLowerCase(Locale.ROOT)) {
            case "mustbe" -> value == threshold;
            case "mustnotbe" -> value != threshold;
            case "mustbegreaterthan" -> value > threshold;
            case "mustbegreaterorequalto" -> value >= threshold;
            case "mustbelessthan" -> value < threshold;
            case "mustbelessorequalto" -> value <= threshold;
            case "mustbebetween" -> high == null ? null : threshold <= value && value <= high;
            case "mustnotbebetween" -> high == null ? null : value < threshold || value > high;
            default -> null;
        };
    }

    private static String describe(QualityRule rule) {
        String bound = rule.getThresholdHigh() != null && rule.getOperator().toLowerCase(Locale.ROOT).endsWith("between")
                ? "[" + number(rule.getThreshold()) + ", " + number(rule.getThresholdHigh()) + "]" : number(rule.getThreshold());
        return rule.getMetric() + " " + rule.getOperator() + " " + bound;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
