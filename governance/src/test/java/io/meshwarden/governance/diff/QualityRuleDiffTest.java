package io.meshwarden.governance.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.QualityUnit;
import io.meshwarden.schemas.Samples;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which way a changed quality rule moved: it accepts more (weakened, breaking) or less (tightened, compatible). */
class QualityRuleDiffTest {
    private static final DataProductContract BASE = Samples.contract("paid-media.campaign-performance");

    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of("a higher ceiling", rule("nullValues", "mustBeLessOrEqualTo", 5.0, null, List.of()),
                        edit(r -> r.setThreshold(10.0)), ChangeKind.QUALITY_RULE_WEAKENED),
                Arguments.of("a lower ceiling", rule("nullValues", "mustBeLessOrEqualTo", 5.0, null, List.of()),
                        edit(r -> r.setThreshold(1.0)), ChangeKind.QUALITY_RULE_TIGHTENED),
                Arguments.of("a lower floor", rule("rowCount", "mustBeGreaterThan", 100.0, null, List.of()),
                        edit(r -> r.setThreshold(50.0)), ChangeKind.QUALITY_RULE_WEAKENED),
                Arguments.of("a wider interval", rule("rowCount", "mustBeBetween", 10.0, 100.0, List.of()),
                        edit(r -> r.setThreshold(5.0)), ChangeKind.QUALITY_RULE_WEAKENED),
                Arguments.of("a wider excluded interval", rule("rowCount", "mustNotBeBetween", 10.0, 100.0, List.of()),
                        edit(r -> r.setThreshold(5.0)), ChangeKind.QUALITY_RULE_TIGHTENED),
                Arguments.of("another exact value", rule("duplicateValues", "mustBe", 0.0, null, List.of()),
                        edit(r -> r.setThreshold(1.0)), ChangeKind.QUALITY_RULE_WEAKENED),
                Arguments.of("another operator", rule("nullValues", "mustBeLessThan", 5.0, null, List.of()),
                        edit(r -> r.setOperator("mustBeLessOrEqualTo")), ChangeKind.QUALITY_RULE_WEAKENED),
                Arguments.of("rows to percent", rule("nullValues", "mustBeLessThan", 5.0, null, List.of()),
                        edit(r -> r.setUnit(QualityUnit.PERCENT)), ChangeKind.QUALITY_RULE_WEAKENED),
                Arguments.of("more valid values", rule("invalidValues", "mustBe", 0.0, null, List.of("on", "off")),
                        edit(r -> r.setValues(List.of("on", "off", "unknown"))), ChangeKind.QUALITY_RULE_WEAKENED),
                Arguments.of("fewer valid values", rule("invalidValues", "mustBe", 0.0, null, List.of("on", "off")),
                        edit(r -> r.setValues(List.of("on"))), ChangeKind.QUALITY_RULE_TIGHTENED),
                Arguments.of("more missing values", rule("missingValues", "mustBe", 0.0, null, List.of("")),
                        edit(r -> r.setValues(List.of("", "n/a"))), ChangeKind.QUALITY_RULE_TIGHTENED),
                Arguments.of("another pattern", rule("invalidValues", "mustBe", 0.0, null, List.of()),
                        edit(r -> r.setPattern("[a-z]+")), ChangeKind.QUALITY_RULE_WEAKENED),
                Arguments.of("another sql definition", rule("sql", "mustBe", 0.0, null, List.of()),
                        edit(r -> r.setDefinition("SELECT 1")), ChangeKind.QUALITY_RULE_WEAKENED),
                Arguments.of("another severity", rule("nullValues", "mustBeLessThan", 5.0, null, List.of()),
                        edit(r -> r.setSeverity("error")), ChangeKind.QUALITY_RULE_DOCUMENTATION_CHANGED),
                Arguments.of("another place in the document", rule("nullValues", "mustBeLessThan", 5.0, null, List.of()),
                        edit(r -> r.setPath("$.qualityRules[7]")), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void classifiesARuleByWhatItNowAccepts(String what, QualityRule before, UnaryOperator<QualityRule.Builder> edit,
                                           ChangeKind expected) {
        QualityRule after = edit.apply(QualityRule.newBuilder(before)).build();

        List<Change> changes = ContractDiff.changes(with(before), with(after));

        if (expected == null) {
            assertThat(changes).isEmpty();
        } else {
            assertThat(changes).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo(expected));
        }
    }

    private static UnaryOperator<QualityRule.Builder> edit(UnaryOperator<QualityRule.Builder> edit) {
        return edit;
    }

    private static DataProductContract with(QualityRule rule) {
        return DataProductContract.newBuilder(BASE).setQualityRules(List.of(rule)).build();
    }

    private static QualityRule rule(String metric, String operator, Double threshold, Double high, List<String> values) {
        return ChangeClassificationTest.rule("$.qualityRules[0]", "email", metric, operator, threshold, high, values);
    }
}
