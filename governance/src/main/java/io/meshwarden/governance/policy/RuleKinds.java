package io.meshwarden.governance.policy;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.rules.CelRule;
import io.meshwarden.governance.rules.CompatibilityRule;
import io.meshwarden.governance.rules.DeprecationNoticeRule;
import io.meshwarden.governance.rules.DocumentationCoverageRule;
import io.meshwarden.governance.rules.FieldNamingRule;
import io.meshwarden.governance.interop.Standards;
import io.meshwarden.governance.rules.InteropStandardsRule;
import io.meshwarden.governance.rules.LifecycleRule;
import io.meshwarden.governance.rules.OutputTopicNamingRule;
import io.meshwarden.governance.rules.OwnershipRule;
import io.meshwarden.governance.rules.PiiClassificationRule;
import io.meshwarden.governance.rules.PortClassificationRule;
import io.meshwarden.governance.rules.RelationshipRule;
import io.meshwarden.governance.rules.RequiredMetadataRule;
import io.meshwarden.governance.rules.RetentionCeilingRule;
import io.meshwarden.governance.rules.SchemaValidityRule;
import io.meshwarden.governance.rules.VersioningRule;
import io.meshwarden.governance.text.LinearPattern;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The rule kinds policy sets can use; docs/policies.md describes each. */
public final class RuleKinds {
    private static final Map<String, RuleKind> KINDS = Map.ofEntries(
            simple("product-id-naming", (r, p) -> new io.meshwarden.governance.rules.ProductIdNamingRule(r.getId(), r.getSeverity())),
            simple("output-topic-naming", (r, p) -> new OutputTopicNamingRule(r.getId(), r.getSeverity())),
            kind("field-naming", Map.of("pattern", new RuleKind.Param(Strictness.SAME, FieldNamingRule.DEFAULT_PATTERN)),
                    (r, p) -> new FieldNamingRule(r.getId(), r.getSeverity(), pattern(r.getId(), p.text("pattern")))),
            simple("ownership", (r, p) -> new OwnershipRule(r.getId(), r.getSeverity())),
            kind("required-metadata", Map.of(
                            "require", new RuleKind.Param(Strictness.SUPERSET, ""),
                            "guarantees", new RuleKind.Param(Strictness.SUPERSET, ""),
                            "properties", new RuleKind.Param(Strictness.SUPERSET, "")),
                    (r, p) -> new RequiredMetadataRule(r.getId(), r.getSeverity(),
                            p.items("require", RequiredMetadataRule.ATTRIBUTES.keySet()),
                            p.items("guarantees", RequiredMetadataRule.GUARANTEES.keySet()), p.items("properties", Set.of()))),
            kind("pii-classification", Map.of("minimum", new RuleKind.Param(Strictness.HIGHER_CLASSIFICATION, "confidential")),
                    (r, p) -> new PiiClassificationRule(r.getId(), r.getSeverity(), p.classification("minimum"))),
            simple("port-classification", (r, p) -> new PortClassificationRule(r.getId(), r.getSeverity())),
            kind("retention-ceiling", retentionParameters(), (r, p) -> new RetentionCeilingRule(r.getId(), r.getSeverity(),
                    ceilings(p), p.flag("requireRetention"))),
            kind("schema-validity", Map.of("requireSchema", new RuleKind.Param(Strictness.TRUE_IS_STRICTER, "false")),
                    (r, p) -> new SchemaValidityRule(r.getId(), r.getSeverity(), p.flag("requireSchema"))),
            kind("documentation-coverage", Map.of("minPercent", new RuleKind.Param(Strictness.HIGHER_IS_STRICTER, "100")),
                    (r, p) -> new DocumentationCoverageRule(r.getId(), r.getSeverity(), p.number("minPercent"))),
            simple("lifecycle", (r, p) -> new LifecycleRule(r.getId(), r.getSeverity())),
            kind("deprecation-notice", Map.of("minimumDays", new RuleKind.Param(Strictness.HIGHER_IS_STRICTER, "30")),
                    (r, p) -> new DeprecationNoticeRule(r.getId(), r.getSeverity(), noticeDays(p))),
            simple("versioning", (r, p) -> new VersioningRule(r.getId(), r.getSeverity())),
            simple("compatibility", (r, p) -> new CompatibilityRule(r.getId(), r.getSeverity())),
            kind("interop-standards", Standards.parameters(),
                    (r, p) -> new InteropStandardsRule(r.getId(), r.getSeverity(), Standards.of(p))),
            simple("relationships", (r, p) -> new RelationshipRule(r.getId(), r.getSeverity())),
            kind("cel", Map.of(
                            "message", new RuleKind.Param(Strictness.FREE, "the contract does not satisfy the rule"),
                            "category", new RuleKind.Param(Strictness.SAME, "other")),
                    (r, p) -> cel(r, p)));

    private RuleKinds() {
    }

    public static Optional<RuleKind> named(String name) {
        return Optional.ofNullable(KINDS.get(name));
    }

    public static Set<String> names() {
        return new java.util.TreeSet<>(KINDS.keySet());
    }

    private static Map.Entry<String, RuleKind> kind(String name, Map<String, RuleKind.Param> parameters, RuleKind.Factory factory) {
        return Map.entry(name, new RuleKind(name, parameters, factory));
    }

    private static Map.Entry<String, RuleKind> simple(String name, RuleKind.Factory factory) {
        return kind(name, Map.of(), factory);
    }

    private static Map<String, RuleKind.Param> retentionParameters() {
        Map<String, RuleKind.Param> parameters = new LinkedHashMap<>();
        for (Classification classification : Classification.values()) {
            parameters.put(ceilingParameter(classification), new RuleKind.Param(Strictness.LOWER_IS_STRICTER, null));
        }
        parameters.put("requireRetention", new RuleKind.Param(Strictness.TRUE_IS_STRICTER, "false"));
        return parameters;
    }

    private static String ceilingParameter(Classification classification) {
        return "maxDays." + classification.name().toLowerCase(Locale.ROOT);
    }

    private static Map<Classification, Long> ceilings(Parameters parameters) {
        Map<Classification, Long> ceilings = new EnumMap<>(Classification.class);
        for (Classification classification : Classification.values()) {
            Long days = parameters.days(ceilingParameter(classification));
            if (days != null) {
                ceilings.put(classification, days);
            }
        }
        return ceilings;
    }

    private static long noticeDays(Parameters parameters) {
        long days = parameters.days("minimumDays");
        if (days < 0) {
            throw parameters.error("minimumDays", "'" + days + "' is negative");
        }
        return days;
    }

    private static com.google.re2j.Pattern pattern(String ruleId, String regex) {
        try {
            return LinearPattern.compile(regex);
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException("rule '" + ruleId + "': parameter 'pattern': " + e.getMessage());
        }
    }

    private static CelRule cel(io.meshwarden.avro.PolicyRule rule, Parameters parameters) {
        if (rule.getExpression() == null || rule.getExpression().isBlank()) {
            throw new InvalidPolicyException("rule '" + rule.getId() + "' of kind cel needs an expression");
        }
        ViolationCategory category = categories().get(parameters.text("category").toUpperCase(Locale.ROOT));
        if (category == null) {
            throw new InvalidPolicyException("rule '" + rule.getId() + "': parameter 'category': '" + parameters.text("category")
                    + "' is not one of " + categories().keySet().stream().map(c -> c.toLowerCase(Locale.ROOT)).sorted().toList());
        }
        try {
            return CelRule.compile(rule.getId(), rule.getSeverity(), category, parameters.text("message"), rule.getExpression());
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException("rule '" + rule.getId() + "': " + e.getMessage(), e);
        }
    }

    private static Map<String, ViolationCategory> categories() {
        return Arrays.stream(ViolationCategory.values()).collect(Collectors.toMap(Enum::name, Function.identity()));
    }
}
