package io.meshwarden.governance.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.rules.CelRule;
import io.meshwarden.schemas.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Patterns from contracts and policies run on RE2: a catastrophic-backtracking pattern answers
 * on a long input as any other does, and what RE2 cannot run in linear time is refused with the
 * reason. CEL's {@code matches} is RE2 too (it refuses a backreference that java.util.regex runs).
 */
class LinearPatternTest {
    private static final String LONG_AS_THEN_B = "a".repeat(100_000) + "b";

    @Test
    void runsACatastrophicBacktrackingPatternOnALongInputAndAnswersCorrectly() {
        assertThat(LinearPattern.compile("(a+)+$").matcher(LONG_AS_THEN_B).matches()).isFalse();
        assertThat(LinearPattern.compile("^(a+)+b$").matcher(LONG_AS_THEN_B).matches()).isTrue();
        assertThat(LinearPattern.compile("(a|aa)+c").matcher(LONG_AS_THEN_B).find()).isFalse();
    }

    @Test
    void refusesBackreferencesLookaroundAndOverlongPatternsSayingWhy() {
        assertThatThrownBy(() -> LinearPattern.compile("(a)\\1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linear time").hasMessageEndingWith("invalid escape sequence in `\\1`");
        assertThatThrownBy(() -> LinearPattern.compile("foo(?=bar)")).hasMessageContaining("no backreferences or lookaround");
        assertThatThrownBy(() -> LinearPattern.compile("a".repeat(LinearPattern.MAX_LENGTH + 1)))
                .hasMessage("the pattern is 1001 characters long; at most 1000 are accepted");
        assertThat(LinearPattern.compile("a".repeat(LinearPattern.MAX_LENGTH)).matcher("a".repeat(1000)).matches()).isTrue();
    }

    @Test
    void celMatchesRunsOnRe2Too() {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("paid-media.campaign-performance"))
                .setDescription(LONG_AS_THEN_B).build();
        CelRule pathological = CelRule.compile("desc", Severity.WARNING, ViolationCategory.METADATA, "description",
                "contract.description.matches('(a+)+$')");
        CelRule backreference = CelRule.compile("backref", Severity.WARNING, ViolationCategory.METADATA, "description",
                "contract.description.matches('(a)\\\\1')");

        List<Finding> findings = pathological.check(ContractContext.of(contract));
        List<Finding> refused = backreference.check(ContractContext.of(contract));

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.message()).startsWith("description ("));
        assertThat(refused).singleElement().satisfies(f -> assertThat(f.message()).contains("could not be evaluated"));
    }
}
