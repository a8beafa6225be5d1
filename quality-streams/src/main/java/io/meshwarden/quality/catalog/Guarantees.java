package io.meshwarden.quality.catalog;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.governance.lifecycle.Deprecation;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.governance.accuracy.AccuracyProperties;
import io.meshwarden.governance.anomaly.AnomalyProperties;
import io.meshwarden.governance.anomaly.AnomalySettings;
import io.meshwarden.quality.rules.ContractRules;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * What one product's accepted contract promises, in the form the quality checks need: the
 * completeness target as a ratio, the freshness limit, the completeness period and the required
 * fields, and its quality rules. Deprecated and retired products are not checked, except a superseded major
 * ({@link Deprecation}), which is served until it retires.
 *
 * @param completenessTarget received/expected ratio in [0, 1] the product promises; empty when it promises none
 * @param freshnessMaxAgeMs  how old the newest record may get; empty when the product promises nothing
 * @param windowMs           the period completeness is judged over
 * @param rules              the contract's quality rules, compiled once per contract version
 * @param anomaly            the anomaly detectors' settings ({@code anomaly.*} properties); off when they do not
 *                           parse (a contract accepted before they were checked: governance now refuses it)
 * @param accuracyTolerance  how far, as a ratio, a measure's loaded total may deviate from the source's control
 *                           total; empty when the product promises no accuracy
 * @param measures           the measures the contract declares ({@code accuracy.measures}): summed from the records
 *                           in observed mode, and their sums watched by the anomaly detectors
 */
public record Guarantees(String productId, String domain, String contractVersion, boolean checked,
                         Optional<Double> completenessTarget, Optional<Long> freshnessMaxAgeMs, long windowMs,
                         List<String> requiredFields, ContractRules rules, AnomalySettings anomaly,
                         Optional<Double> accuracyTolerance, List<String> measures) {
    public static final long DEFAULT_WINDOW_MS = Duration.ofHours(1).toMillis();

    public static Guarantees of(DataProductContract contract) {
        QualityGuarantees promised = contract.getGuarantees();
        Optional<Double> completeness = Optional.ofNullable(promised).map(QualityGuarantees::getCompletenessPercent)
                .map(percent -> Math.max(0.0, Math.min(1.0, percent / 100.0)));
        Optional<Long> freshness = Optional.ofNullable(promised).map(QualityGuarantees::getFreshnessMaxAgeMs)
                .filter(ms -> ms > 0);
        long window = Optional.ofNullable(promised).map(QualityGuarantees::getWindowMs).filter(ms -> ms > 0)
                .orElse(DEFAULT_WINDOW_MS);
        // A superseded major (<id>@v<major>) is deprecated but still served next to its successor: checked until it retires.
        boolean checked = contract.getStatus() != ProductStatus.RETIRED
                && (contract.getStatus() != ProductStatus.DEPRECATED || Deprecation.isSuperseded(contract.getId()));
        List<String> required = contract.getFields().stream().filter(FieldSpec::getRequired).map(FieldSpec::getName).toList();
        Optional<Double> tolerance = Optional.ofNullable(promised).map(QualityGuarantees::getAccuracyTolerancePercent)
                .map(percent -> Math.max(0.0, percent / 100.0));
        return new Guarantees(contract.getId(), contract.getDomain(), contract.getVersion(), checked, completeness, freshness,
                window, required, ContractRules.of(contract), anomalySettings(contract), tolerance, measures(contract));
    }

    private static List<String> measures(DataProductContract contract) {
        try {
            return AccuracyProperties.measures(contract);
        } catch (IllegalArgumentException e) {
            LoggerFactory.getLogger(Guarantees.class).warn("{} {}: no measure is summed or watched, its contract's {}",
                    contract.getId(), contract.getVersion(), e.getMessage());
            return List.of();
        }
    }

    private static AnomalySettings anomalySettings(DataProductContract contract) {
        try {
            return AnomalyProperties.of(contract.getProperties());
        } catch (IllegalArgumentException e) {
            LoggerFactory.getLogger(Guarantees.class).warn("{} {}: anomaly detection is off, its contract's {}",
                    contract.getId(), contract.getVersion(), e.getMessage());
            return AnomalySettings.DEFAULTS.disabled();
        }
    }

    /** The completeness period rounded up to whole steps, since windows are assembled from step buckets. */
    public long periodMs(long stepMs) {
        return Math.max(1, (windowMs + stepMs - 1) / stepMs) * stepMs;
    }

    public boolean checksFreshness() {
        return checked && freshnessMaxAgeMs.isPresent();
    }
}
