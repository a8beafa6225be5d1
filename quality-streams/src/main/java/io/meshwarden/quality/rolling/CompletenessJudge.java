package io.meshwarden.quality.rolling;

import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.quality.accuracy.AccuracyWatch;
import io.meshwarden.quality.anomaly.AnomalyWatch;
import io.meshwarden.quality.catalog.ContractBook;
import io.meshwarden.quality.catalog.Guarantees;
import io.meshwarden.quality.completeness.CompletenessWindows;
import io.meshwarden.quality.completeness.Counts;
import io.meshwarden.quality.freshness.FreshnessWatch;
import io.meshwarden.quality.observed.UndecodableShare;
import io.meshwarden.quality.rules.RuleJudge;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Judges each closed completeness window against the product's guarantee in force: writes a
 * {@link QualitySnapshot}, a BREACH when a rule ({@code completeness}, {@code completeness.<field>})
 * falls below the target and was not in breach, and a RECOVERY when a breached rule meets it again
 * or is no longer checked. A window with nothing expected leaves the rule's state as it was. The
 * contract's quality rules are judged on the window's last step ({@link RuleJudge}), and their
 * values are in the snapshot. At the end of each of the product's periods its anomaly detectors judge
 * the period ({@link AnomalyWatch}, when detection is on), their bands written apart from the snapshot; and the
 * period's loaded totals are reconciled with the source's ({@link AccuracyWatch}, when the product promises an
 * accuracy). Each step's share of observed records that did not decode is judged too ({@link UndecodableShare}), its
 * breach kept in the same set of breached rules.
 */
final class CompletenessJudge implements CompletenessWindows.Judge {
    private final ContractBook book;
    private final FreshnessWatch freshness;
    private final LongSupplier clock;
    private final long stepMs;
    private final Consumer<QualityOutput> out;
    private final Optional<AnomalyWatch> anomalies;
    private final Optional<AccuracyWatch> accuracy;
    private final double undecodableMaxShare;

    CompletenessJudge(ContractBook book, FreshnessWatch freshness, LongSupplier clock, long stepMs, Consumer<QualityOutput> out,
                      Optional<AnomalyWatch> anomalies, Optional<AccuracyWatch> accuracy, double undecodableMaxShare) {
        this.undecodableMaxShare = undecodableMaxShare;
        this.anomalies = anomalies;
        this.accuracy = accuracy;
        this.book = book;
        this.freshness = freshness;
        this.clock = clock;
        this.stepMs = stepMs;
        this.out = out;
    }

    @Override
    public void periodClosed(String productId, long start, long end, Counts period) {
        Optional<Guarantees> product = book.guarantees(productId).filter(Guarantees::checked);
        if (product.isEmpty()) {
            return;
        }
        Guarantees guarantees = product.get();
        Map<String, Double> totals = period.measureTotals();
        anomalies.ifPresent(watch -> {
            Map<String, Long> nulls = new LinkedHashMap<>();
            guarantees.requiredFields().forEach(field -> nulls.put(field, period.nulls().getOrDefault(field, 0L)));
            Map<String, Double> measures = new LinkedHashMap<>();
            guarantees.measures().forEach(measure -> measures.put(measure, totals.getOrDefault(measure, 0.0)));
            QualityOutput.of(watch.periodClosed(WatchedProducts.anomaly(guarantees), start, end, period.received(), nulls,
                    measures, clock.getAsLong())).forEach(out);
        });
        accuracy.ifPresent(watch -> WatchedProducts.accuracy(guarantees, stepMs).ifPresent(reconciled ->
                watch.periodClosed(reconciled, start, end, totals, period.reported(), clock.getAsLong())
                        .forEach(violation -> out.accept(new QualityOutput.Breach(violation)))));
    }

    @Override
    public Set<String> judge(String productId, long windowStart, long windowEnd, Counts window, Counts lastStep,
                             Set<String> breachedBefore) {
        Optional<Guarantees> product = book.guarantees(productId);
        if (product.isEmpty()) {
            return breachedBefore;
        }
        Guarantees guarantees = product.get();
        long now = clock.getAsLong();
        Set<String> qualityBefore = new TreeSet<>();
        Set<String> completenessBefore = new TreeSet<>();
        boolean undecodableBefore = breachedBefore.contains(UndecodableShare.RULE_ID);
        breachedBefore.stream().filter(rule -> !rule.equals(UndecodableShare.RULE_ID))
                .forEach(rule -> (ViolationRule.qualityRulePath(rule).isPresent() ? qualityBefore : completenessBefore).add(rule));
        RuleJudge.Result rules = RuleJudge.judge(guarantees, windowEnd - stepMs, windowEnd, lastStep, qualityBefore, now,
                violation -> out.accept(new QualityOutput.Breach(violation)));
        Map<String, Double> fields = window.fieldCompleteness(guarantees.requiredFields());
        out.accept(new QualityOutput.Snapshot(QualitySnapshot.newBuilder()
                .setProductId(productId).setWindowStart(Instant.ofEpochMilli(windowStart)).setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setRecordsReceived(window.received()).setRecordsExpected(window.expected())
                .setCompleteness(window.completeness()).setRequiredFieldCompleteness(fields)
                .setNewestRecordTime(freshness.newestRecordTime(productId).map(Instant::ofEpochMilli).orElse(null))
                .setCompletenessTarget(guarantees.completenessTarget().orElse(null))
                .setQualityRuleValues(rules.values()).setQualityRulesNotEvaluated(guarantees.rules().notEvaluated())
                .setComputedAt(Instant.ofEpochMilli(now)).build()));

        Map<String, Double> observed = new LinkedHashMap<>();
        if (guarantees.checked() && guarantees.completenessTarget().isPresent()) {
            observed.put(ViolationRule.COMPLETENESS.ruleId(), window.completeness());
            guarantees.requiredFields().forEach(field -> observed.put(ViolationRule.fieldCompleteness(field).ruleId(), fields.get(field)));
        }
        double target = guarantees.completenessTarget().orElse(0.0);
        Set<String> breached = new TreeSet<>(completenessBefore);
        observed.forEach((rule, ratio) -> {
            if (ratio == null) {
                return;
            }
            boolean breaking = ratio < target;
            if (breaking != breached.contains(rule)) {
                out.accept(new QualityOutput.Breach(QualityViolations.completeness(guarantees, rule, breaking, ratio, target,
                        windowStart, windowEnd, now)));
                if (breaking) {
                    breached.add(rule);
                } else {
                    breached.remove(rule);
                }
            }
        });
        for (String rule : completenessBefore) {
            if (!observed.containsKey(rule)) {
                out.accept(new QualityOutput.Breach(QualityViolations.completeness(guarantees, rule, false, null, target,
                        windowStart, windowEnd, now)));
                breached.remove(rule);
            }
        }
        breached.addAll(rules.breached());
        if (UndecodableShare.judge(guarantees, windowEnd - stepMs, windowEnd, lastStep, undecodableBefore, undecodableMaxShare, now,
                violation -> out.accept(new QualityOutput.Breach(violation)))) {
            breached.add(UndecodableShare.RULE_ID);
        }
        return breached;
    }
}
