package io.meshwarden.governance.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.schemas.Samples;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The CEL rules the shipped policy sets and the governance benchmark write, each on a contract that keeps it and on one
 * that breaks it: presence tests on nested maps, list sizes, membership, comprehensions (filter, all) and regular
 * expressions, as the planned programs evaluate them.
 */
class CelRuleTest {
    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("!has(contract.guarantees) || !has(contract.guarantees.completenessPercent)"
                        + " || contract.guarantees.completenessPercent >= 95.0",
                        edit(b -> b.setGuarantees(QualityGuarantees.newBuilder(b.getGuarantees()).setCompletenessPercent(90.0).build()))),
                Arguments.of("size(contract.tags) > 0", edit(b -> b.setTags(List.of()))),
                Arguments.of("!(contract.id in contract.upstreamProducts)", edit(b -> b.setUpstreamProducts(List.of(b.getId())))),
                Arguments.of("contract.fields.filter(f, f.pii).all(f, has(f.description) && size(f.description) > 0)",
                        edit(b -> b.setFields(List.of(Samples.field("campaign_id", false, true),
                                io.meshwarden.avro.FieldSpec.newBuilder(Samples.field("email", true, false)).setDescription(null).build())))),
                Arguments.of("!('api-rate-limit' in contract.properties)"
                        + " || contract.properties['api-rate-limit'].matches('^[0-9]+/(second|minute|hour|day)$')",
                        edit(b -> b.setProperties(Map.of("api-rate-limit", "lots")))),
                Arguments.of("contract.fields.all(f, has(f.description) && size(f.description) > 10)",
                        edit(b -> b.setFields(List.of(io.meshwarden.avro.FieldSpec.newBuilder(Samples.field("clicks", false, true))
                                .setDescription("clicks").build())))));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void keepsWhatTheRuleAllowsAndFindsWhatItForbids(String expression, UnaryOperator<DataProductContract.Builder> breakIt) {
        DataProductContract kept = DataProductContract.newBuilder(Samples.contract("paid-media.campaign-performance"))
                .setFields(List.of(io.meshwarden.avro.FieldSpec.newBuilder(Samples.field("campaign_id", false, true))
                                .setDescription("the campaign's id at the platform").build(),
                        io.meshwarden.avro.FieldSpec.newBuilder(Samples.field("email", true, false))
                                .setDescription("the contact's address").build()))
                .setProperties(Map.of("api-rate-limit", "100/minute")).build();
        DataProductContract broken = breakIt.apply(DataProductContract.newBuilder(kept)).build();
        CelRule rule = CelRule.compile("cel.rule", Severity.WARNING, ViolationCategory.POLICY, "the rule is broken", expression);

        assertThat(rule.check(ContractContext.of(kept))).as("%s on a contract that keeps it", expression).isEmpty();
        List<Finding> findings = rule.check(ContractContext.of(broken));
        assertThat(findings).as("%s on a contract that breaks it", expression).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("the rule is broken (paid-media.campaign-performance)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "contract.properties['api-rate-limit'].matches('[0-9]+/minute') | true",   // anywhere in the string
            "contract.properties['api-rate-limit'].matches('^[0-9]+/minute$') | true",
            "contract.properties['api-rate-limit'].matches('^[0-9]+/hour$') | false",
            "matches(contract.properties['api-rate-limit'], '^1') | true",              // the global overload
            "contract.properties['api-rate-limit'].matches(contract.properties['limit-pattern']) | true", // a pattern in the data
            "contract.id.matches('^PAID') | false"})                                    // case-sensitive
    void matchesIsCelsUnanchoredRe2Search(String expression, boolean compliant) {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("paid-media.campaign-performance"))
                .setProperties(Map.of("api-rate-limit", "100/minute", "limit-pattern", "[0-9]+/(second|minute)")).build();
        CelRule rule = CelRule.compile("cel.rule", Severity.WARNING, ViolationCategory.POLICY, "broken", expression);

        assertThat(rule.check(ContractContext.of(contract))).as(expression).hasSize(compliant ? 0 : 1);
    }

    @Test
    void aPatternThatCannotRunInLinearTimeFailsTheEvaluationNamingTheReason() {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("paid-media.campaign-performance"))
                .setProperties(Map.of("api-rate-limit", "100/minute")).build();
        CelRule rule = CelRule.compile("cel.backreference", Severity.WARNING, ViolationCategory.POLICY, "broken",
                "contract.properties['api-rate-limit'].matches('(0)\\\\1')");

        assertThat(rule.check(ContractContext.of(contract))).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(ViolationCategory.POLICY);
            assertThat(f.message()).startsWith("rule cel.backreference could not be evaluated on paid-media.campaign-performance")
                    .contains("no backreferences or lookaround");
        });
    }

    @Test
    void anExpressionThatDoesNotCompileIsRefusedWithCelsMessage() {
        assertThatThrownBy(() -> CelRule.compile("cel.bad", Severity.WARNING, ViolationCategory.POLICY, "m", "contract.fields.all(f,"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("CEL expression does not compile");
    }

    private static UnaryOperator<DataProductContract.Builder> edit(UnaryOperator<DataProductContract.Builder> edit) {
        return edit;
    }
}
