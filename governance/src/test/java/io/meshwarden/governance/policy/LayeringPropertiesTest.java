package io.meshwarden.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Verdict;
import io.meshwarden.schemas.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * No accepted domain set is looser than the global set: whatever a domain publishes, once it is
 * admitted, every contract the global set alone blocks is still blocked by the same rule, and
 * every global warning is still reported (as a warning or worse).
 */
class LayeringPropertiesTest {
    private static final List<String> KINDS = List.of("pii-classification", "retention-ceiling", "documentation-coverage",
            "ownership");

    @Property(tries = 300)
    void anAdmittedDomainSetNeverLetsThroughWhatTheGlobalSetCatches(@ForAll("globalRules") List<PolicyRule> globalRules,
                                                                   @ForAll("domainRules") List<PolicyRule> domainRules,
                                                                   @ForAll("contracts") DataProductContract contract) {
        PolicySet global = set("global", null, globalRules);
        PolicyLayers globalOnly = PolicyLayers.of(global, List.of());
        Admission admission = globalOnly.admit(set("paid-media", "paid-media", domainRules));
        Statistics.label("domain set").collect(admission instanceof Admission.Accepted ? "admitted" : "refused");
        if (!(admission instanceof Admission.Accepted accepted)) {
            return; // refused: the global set alone stays in force, which is never looser
        }
        Verdict before = globalOnly.evaluate(ContractContext.of(contract));
        Verdict after = accepted.layers().evaluate(ContractContext.of(contract));

        Set<String> blockedAfter = ids(after.findings().stream().filter(Finding::blocking).toList());
        Set<String> reportedAfter = ids(after.findings());
        before.findings().forEach(finding -> {
            assertThat(reportedAfter).as("global finding %s is still reported", finding).contains(finding.ruleId());
            if (finding.blocking()) {
                assertThat(blockedAfter).as("global blocking finding %s still blocks", finding).contains(finding.ruleId());
            }
        });
    }

    private static Set<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).collect(Collectors.toSet());
    }

    @Provide
    Arbitrary<List<PolicyRule>> globalRules() {
        return Arbitraries.of(KINDS).flatMap(LayeringPropertiesTest::rule).list().ofMinSize(1).ofMaxSize(4).uniqueElements(PolicyRule::getId);
    }

    @Provide
    Arbitrary<List<PolicyRule>> domainRules() {
        return globalRules();
    }

    /** Rules whose id is their kind, so a domain rule of a kind overrides the global rule of that kind. */
    private static Arbitrary<PolicyRule> rule(String kind) {
        Arbitrary<Severity> severity = Arbitraries.of(Severity.class);
        Arbitrary<Map<String, String>> parameters = switch (kind) {
            case "pii-classification" -> Arbitraries.of(Classification.class)
                    .map(c -> Map.of("minimum", c.name().toLowerCase(java.util.Locale.ROOT)));
            case "retention-ceiling" -> Arbitraries.longs().between(1, 400).map(d -> Map.of("maxDays.confidential", Long.toString(d)));
            case "documentation-coverage" -> Arbitraries.integers().between(0, 100).map(p -> Map.of("minPercent", Integer.toString(p)));
            default -> Arbitraries.just(Map.of());
        };
        return Combinators.combine(severity, parameters).as((s, p) -> PolicyRule.newBuilder().setId(kind).setKind(kind)
                .setSeverity(s).setParameters(p).build());
    }

    @Provide
    Arbitrary<DataProductContract> contracts() {
        return Combinators.combine(Arbitraries.of(Classification.class), Arbitraries.integers().between(1, 400),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of("", "steward@x.example", "not an email"))
                .as((classification, days, pii, described, steward) -> {
                    DataProductContract base = Samples.contract("paid-media.campaign-performance");
                    FieldSpec field = FieldSpec.newBuilder(Samples.field("email", pii, false))
                            .setDescription(described ? "the email" : null).build();
                    return DataProductContract.newBuilder(base).setClassification(classification)
                            .setRetentionMs(Duration.ofDays(days).toMillis()).setFields(List.of(field, Samples.field("clicks", false, true)))
                            .setOwner(io.meshwarden.avro.Ownership.newBuilder(base.getOwner()).setSteward(steward).build()).build();
                });
    }

    private static PolicySet set(String id, String domain, List<PolicyRule> rules) {
        return PolicySet.newBuilder().setId(id).setVersion("1.0.0").setScope(domain == null ? PolicyScope.GLOBAL : PolicyScope.DOMAIN)
                .setDomain(domain).setRules(rules).setPublishedAt(Instant.EPOCH).build();
    }
}
