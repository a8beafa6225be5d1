package io.meshwarden.governance.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Severity;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.validation.FieldChecks;
import io.meshwarden.schemas.validation.InvalidEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The semantic rules of contract changes and policy sets, each naming the field it refuses. */
class ContractChecksTest {
    private static final DataProductContract VALID = Samples.contract("paid-media.campaign-performance");

    @Test
    void acceptsTheSampleContract() {
        assertThat(ContractChecks.check(Samples.change(VALID))).isEmpty();
    }

    @Test
    void refusesAVersionThatIsNotSemantic() {
        assertThat(check(DataProductContract.newBuilder(VALID).setVersion("v2").build()))
                .isEqualTo(new InvalidEvent(DeadLetterReason.INVALID_VERSION, "contract.version",
                        "'v2' is not a semantic version MAJOR.MINOR.PATCH"));
    }

    @Test
    void refusesANonPositiveDurationAndNamesIt() {
        InvalidEvent invalid = check(withGuarantees(g -> g.setTimeToDetectMs(-1L)));
        assertThat(invalid.reason()).isEqualTo(DeadLetterReason.INVALID_DURATION);
        assertThat(invalid.field()).isEqualTo("contract.guarantees.timeToDetectMs");
    }

    @Test
    void refusesAPercentageOutsideZeroToHundredIncludingNaN() {
        assertThat(check(withGuarantees(g -> g.setAvailabilityPercent(100.01))).field())
                .isEqualTo("contract.guarantees.availabilityPercent");
        assertThat(check(withGuarantees(g -> g.setAccuracyTolerancePercent(Double.NaN))).reason())
                .isEqualTo(DeadLetterReason.PERCENT_OUT_OF_RANGE);
        assertThat(ContractChecks.check(Samples.change(withGuarantees(g -> g.setCompletenessPercent(100.0))))).isEmpty();
        assertThat(ContractChecks.check(Samples.change(withGuarantees(g -> g.setCompletenessPercent(0.0))))).isEmpty();
    }

    @Test
    void refusesAnIdBeyondKafkasTopicNameBound() {
        InvalidEvent invalid = check(DataProductContract.newBuilder(VALID)
                .setUpstreamProducts(List.of("paid-media." + "x".repeat(250))).build());
        assertThat(invalid.reason()).isEqualTo(DeadLetterReason.STRING_OUT_OF_BOUNDS);
        assertThat(invalid.field()).isEqualTo("contract.upstreamProducts[0]");
    }

    @Test
    void refusesMoreEntriesThanTheBoundInsteadOfTruncating() {
        List<io.meshwarden.avro.FieldSpec> fields = java.util.stream.IntStream.range(0, FieldChecks.MAX_ENTRIES + 1)
                .mapToObj(i -> Samples.field("f_" + i, false, false)).toList();
        InvalidEvent tooManyFields = check(DataProductContract.newBuilder(VALID).setFields(fields).build());
        assertThat(tooManyFields.reason()).isEqualTo(DeadLetterReason.TOO_MANY_ENTRIES);
        assertThat(tooManyFields.field()).isEqualTo("contract.fields");
        assertThat(tooManyFields.message()).contains("at most 1000 entries, it has 1001");

        InvalidEvent tooManyTags = check(DataProductContract.newBuilder(VALID)
                .setTags(java.util.Collections.nCopies(FieldChecks.MAX_LIST + 1, "t")).build());
        assertThat(tooManyTags.field()).isEqualTo("contract.tags");
        assertThat(ContractChecks.check(Samples.change(DataProductContract.newBuilder(VALID)
                .setFields(fields.subList(0, FieldChecks.MAX_ENTRIES)).build()))).as("exactly the bound passes").isEmpty();
    }

    @Test
    void refusesAPolicySetWhoseVersionIsNotSemanticOrWhoseRuleHasNoKind() {
        PolicyRule rule = PolicyRule.newBuilder().setId("naming").setKind("output-topic-naming").setSeverity(Severity.BLOCKING)
                .setParameters(Map.of()).build();
        PolicySet set = PolicySet.newBuilder().setId("paid-media").setVersion("1.0.0").setScope(PolicyScope.DOMAIN)
                .setDomain("paid-media").setRules(List.of(rule)).setPublishedAt(Instant.EPOCH).build();

        assertThat(PolicySetChecks.check(set)).isEmpty();
        assertThat(PolicySetChecks.check(PolicySet.newBuilder(set).setVersion("1.0").build()))
                .hasValueSatisfying(i -> assertThat(i.field()).isEqualTo("version"));
        assertThat(PolicySetChecks.check(PolicySet.newBuilder(set)
                .setRules(List.of(PolicyRule.newBuilder(rule).setKind("").build())).build()))
                .hasValueSatisfying(i -> assertThat(i.field()).isEqualTo("rules[0].kind"));
    }

    private static InvalidEvent check(DataProductContract contract) {
        ContractChange change = Samples.change(contract);
        return ContractChecks.check(change).orElseThrow();
    }

    private static DataProductContract withGuarantees(java.util.function.Consumer<QualityGuarantees.Builder> change) {
        QualityGuarantees.Builder guarantees = QualityGuarantees.newBuilder(VALID.getGuarantees());
        change.accept(guarantees);
        return DataProductContract.newBuilder(VALID).setGuarantees(guarantees.build()).build();
    }
}
