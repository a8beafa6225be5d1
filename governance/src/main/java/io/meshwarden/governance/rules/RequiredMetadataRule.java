package io.meshwarden.governance.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A contract declares the metadata consumers rely on: the {@code require}d attributes
 * (description, documentation link, source platform, tags, guarantees), the named quality
 * {@code guarantees} and the free-form {@code properties} a domain asks for (e.g. the ad
 * platform's API rate limit).
 */
public record RequiredMetadataRule(String id, Severity severity, Set<String> attributes, Set<String> guarantees,
                                   Set<String> properties) implements Rule {
    public static final Map<String, Predicate<DataProductContract>> ATTRIBUTES = Map.of(
            "description", c -> present(c.getDescription()),
            "documentation", c -> present(c.getDocumentationUrl()),
            "source-platform", c -> present(c.getSourcePlatform()),
            "tags", c -> !c.getTags().isEmpty(),
            "guarantees", c -> c.getGuarantees() != null,
            "retention", c -> c.getRetentionMs() != null);
    public static final Map<String, Function<QualityGuarantees, Object>> GUARANTEES = Map.of(
            "completeness", QualityGuarantees::getCompletenessPercent,
            "freshness", QualityGuarantees::getFreshnessMaxAgeMs,
            "availability", QualityGuarantees::getAvailabilityPercent,
            "accuracy", QualityGuarantees::getAccuracyTolerancePercent);

    @Override
    public List<Finding> check(DataProductContract contract) {
        List<String> missing = new ArrayList<>();
        attributes.stream().sorted().filter(a -> !ATTRIBUTES.get(a).test(contract)).forEach(missing::add);
        QualityGuarantees declared = contract.getGuarantees();
        guarantees.stream().sorted().filter(g -> declared == null || GUARANTEES.get(g).apply(declared) == null)
                .map(g -> g + " guarantee").forEach(missing::add);
        properties.stream().sorted().filter(p -> !present(contract.getProperties().get(p)))
                .map(p -> "property '" + p + "'").forEach(missing::add);
        if (missing.isEmpty()) {
            return List.of();
        }
        return List.of(finding(ViolationCategory.METADATA, "product " + contract.getId() + " lacks " + String.join(", ", missing)));
    }

    private static boolean present(CharSequence text) {
        return text != null && !text.toString().isBlank();
    }
}
