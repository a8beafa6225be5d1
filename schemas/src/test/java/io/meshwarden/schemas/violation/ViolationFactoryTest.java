package io.meshwarden.schemas.violation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.PolicySetSubject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ViolationFactoryTest {
    private static final Instant AT = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void idNamesSubjectRuleStatusAndOccasion() {
        Violation v = ViolationFactory.violation("paid-media.search-terms", "paid-media", ViolationRule.FRESHNESS,
                ViolationStatus.RECOVERY, "1764061200000", AT).setMessage("fresh again").build();

        assertThat(v.getViolationId()).isEqualTo("paid-media.search-terms/freshness/recovery/1764061200000");
        assertThat(v.getProductId()).isEqualTo("paid-media.search-terms");
        assertThat(v.getDomain()).isEqualTo("paid-media");
        assertThat(v.getCategory()).isEqualTo(ViolationCategory.FRESHNESS);
        assertThat(v.getSeverity()).isEqualTo(Severity.BLOCKING);
        assertThat(v.getStatus()).isEqualTo(ViolationStatus.RECOVERY);
        assertThat(v.getDetectedAt()).isEqualTo(AT);
        assertThat(v.getPolicySetId()).isNull();
        assertThat(v.getWindowStart()).isNull();
    }

    @Test
    void aDeadlineViolationNamesItsDeadlineAndIsOccasionedByIt() {
        Instant deadline = AT.minusMillis(1_250);
        Violation v = ViolationFactory.deadlineViolation("paid-media.search-terms", "paid-media", ViolationRule.FRESHNESS,
                ViolationStatus.BREACH, deadline, AT).setMessage("stale").build();

        assertThat(v.getDeadline()).isEqualTo(deadline);
        assertThat(v.getViolationId()).isEqualTo("paid-media.search-terms/freshness/breach/" + deadline.toEpochMilli());
        assertThat(ViolationFactory.violation("email.sends", "email", ViolationRule.COMPLETENESS, ViolationStatus.BREACH,
                "w-1", AT).setMessage("m").build().getDeadline()).isNull();
    }

    @Test
    void theSameOccasionGivesTheSameIdWhateverTheDetectionTime() {
        String first = ViolationFactory.violation("email.sends", "email", ViolationRule.COMPLETENESS, ViolationStatus.BREACH,
                "w-1", AT).setMessage("m").build().getViolationId();
        String replayed = ViolationFactory.violation("email.sends", "email", ViolationRule.COMPLETENESS,
                ViolationStatus.BREACH, "w-1", AT.plusSeconds(30)).setMessage("m").build().getViolationId();

        assertThat(replayed).isEqualTo(first);
    }

    @Test
    void aPolicySetIsItsOwnSubject() {
        Violation v = ViolationFactory.violation(PolicySetSubject.of("email"), "email", ViolationRule.POLICY_SET_ADMISSION,
                ViolationStatus.BREACH, "1.1.0@5", AT).setMessage("refused").build();

        assertThat(v.getProductId()).isEqualTo("policy:email");
        assertThat(v.getViolationId()).isEqualTo("policy:email/policy-set.admission/breach/1.1.0@5");
        assertThat(v.getCategory()).isEqualTo(ViolationCategory.POLICY);
    }

    @Test
    void fieldCompletenessRulesNameTheirField() {
        ViolationRule rule = ViolationRule.fieldCompleteness("email");

        assertThat(rule.ruleId()).isEqualTo("completeness.email");
        assertThat(rule.category()).isEqualTo(ViolationCategory.COMPLETENESS);
        assertThat(rule.severity()).isEqualTo(Severity.WARNING);
        assertThat(ViolationRule.completenessField(rule.ruleId())).contains("email");
        assertThat(ViolationRule.completenessField("completeness")).isEmpty();
        assertThat(ViolationRule.completenessField("freshness")).isEmpty();
    }

    @Test
    void aRuleIdMayNotHoldTheSeparator() {
        assertThatThrownBy(() -> new ViolationRule("a/b", ViolationCategory.OTHER, Severity.WARNING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a/b'");
    }

    @Test
    void qualityRulesAreNamedByTheirPathInTheContract() {
        ViolationRule rule = ViolationRule.qualityRule("$.schema[0].properties[2].quality[0]", ViolationCategory.COMPLETENESS,
                Severity.WARNING);

        assertThat(rule.ruleId()).isEqualTo("quality:$.schema[0].properties[2].quality[0]");
        assertThat(ViolationRule.qualityRulePath(rule.ruleId())).contains("$.schema[0].properties[2].quality[0]");
        assertThat(ViolationRule.qualityRulePath("completeness.email")).isEmpty();
        assertThat(ViolationFactory.violationId("email.sends", rule, ViolationStatus.BREACH, "1764061200000"))
                .isEqualTo("email.sends/quality:$.schema[0].properties[2].quality[0]/breach/1764061200000");
    }
}
