package io.meshwarden.governance.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Severity;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.rules.CompatibilityRule;
import io.meshwarden.governance.rules.VersioningRule;
import io.meshwarden.schemas.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractDiffTest {
    private final DataProductContract v1 = Samples.contract("paid-media.campaign-performance");

    @Test
    void findsNoBreakingChangeInAnUnchangedContract() {
        assertThat(ContractDiff.breakingChanges(v1, DataProductContract.newBuilder(v1).setVersion("1.0.1").build())).isEmpty();
    }

    @Test
    void addingAnOptionalFieldIsCompatibleButRetypingOneIsNot() {
        String added = v1.getProductSchema().replace("]}", ",{\"name\":\"cost\",\"type\":[\"null\",\"double\"],\"default\":null}]}");
        String retyped = v1.getProductSchema().replace("{\"name\":\"clicks\",\"type\":\"long\"}", "{\"name\":\"clicks\",\"type\":\"string\"}");

        assertThat(ContractDiff.breakingChanges(v1, DataProductContract.newBuilder(v1).setProductSchema(added).build())).isEmpty();
        assertThat(ContractDiff.breakingChanges(v1, DataProductContract.newBuilder(v1).setProductSchema(retyped).build()))
                .anySatisfy(change -> assertThat(change).contains("field 'clicks'"));
    }

    @Test
    void weakenedGuaranteesLowerClassificationRemovedPortsAndFieldsBreakConsumers() {
        DataProductContract weaker = DataProductContract.newBuilder(v1)
                .setGuarantees(QualityGuarantees.newBuilder(v1.getGuarantees()).setCompletenessPercent(90.0)
                        .setFreshnessMaxAgeMs(7_200_000L).build())
                .setClassification(Classification.INTERNAL)
                .setOutputPorts(List.of())
                .setFields(List.of(Samples.field("clicks", false, true)))
                .build();

        assertThat(ContractDiff.breakingChanges(v1, weaker)).hasSize(5).anySatisfy(c -> assertThat(c).contains("completeness"))
                .anySatisfy(c -> assertThat(c).contains("freshness")).anySatisfy(c -> assertThat(c).contains("classification"))
                .anySatisfy(c -> assertThat(c).contains("output port 'stream'"))
                .anySatisfy(c -> assertThat(c).contains("required field 'campaign_id'"));
    }

    @Test
    void aBreakingChangeNeedsAMajorVersion() {
        CompatibilityRule rule = new CompatibilityRule("compatibility", Severity.BLOCKING);
        DataProductContract lowered = DataProductContract.newBuilder(v1).setClassification(Classification.INTERNAL).build();

        assertThat(rule.check(new ContractContext(DataProductContract.newBuilder(lowered).setVersion("1.1.0").build(), v1, null)))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("without a major version bump"));
        assertThat(rule.check(new ContractContext(DataProductContract.newBuilder(lowered).setVersion("2.0.0").build(), v1, null)))
                .isEmpty();
    }

    @Test
    void theVersionMustRiseUnlessTheContractIsRepublishedUnchanged() {
        VersioningRule rule = new VersioningRule("versioning", Severity.BLOCKING);
        DataProductContract changed = DataProductContract.newBuilder(v1).setDescription("new words").build();

        assertThat(rule.check(new ContractContext(v1, v1, null))).isEmpty();
        assertThat(rule.check(new ContractContext(changed, v1, null))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("does not increase"));
        assertThat(rule.check(ContractContext.of(DataProductContract.newBuilder(v1).setVersion("v2").build()))).hasSize(1);
    }
}
