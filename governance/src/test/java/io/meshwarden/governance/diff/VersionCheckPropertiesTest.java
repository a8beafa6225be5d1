package io.meshwarden.governance.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.rules.CompatibilityRule;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The version check and the pipeline's compatibility rule agree on every pair of contracts made
 * from any mix of the single changes of {@link ChangeClassificationTest}: a contract has no change
 * against itself, any breaking change requires a major bump, and the rule blocks exactly the pairs
 * with a breaking change and no major bump.
 */
class VersionCheckPropertiesTest {
    private static final CompatibilityRule RULE = new CompatibilityRule("compatibility", Severity.BLOCKING);

    @Property(tries = 200)
    void aContractHasNoChangeAgainstItself(@ForAll("contracts") DataProductContract contract) {
        assertThat(ContractDiff.changes(contract, contract)).isEmpty();
        assertThat(VersionCheck.of(contract, contract)).hasValueSatisfying(check -> assertThat(check.tooSmall()).isFalse());
    }

    @Property(tries = 300)
    void anyBreakingChangeRequiresAMajorBumpAndThePipelineAgrees(@ForAll("contracts") DataProductContract previous,
                                                                 @ForAll("contracts") DataProductContract edited,
                                                                 @ForAll("versions") String version) {
        DataProductContract next = DataProductContract.newBuilder(edited).setVersion(version).build();
        VersionCheck check = VersionCheck.of(previous, next).orElseThrow();
        boolean breaking = check.changes().stream().anyMatch(Change::breaking);
        Statistics.label("required").collect(check.required());
        Statistics.label("actual").collect(check.actual());

        if (breaking) {
            assertThat(check.required()).isEqualTo(Bump.MAJOR);
        }
        assertThat(check.tooSmall()).isEqualTo(check.actual().compareTo(check.required()) < 0);
        boolean blocked = !RULE.check(new ContractContext(next, previous, null)).isEmpty();
        assertThat(blocked).isEqualTo(breaking && check.actual() != Bump.MAJOR);
    }

    @Provide
    Arbitrary<DataProductContract> contracts() {
        List<UnaryOperator<DataProductContract.Builder>> edits = ChangeClassificationTest.oneChangeEach()
                .map(arguments -> arguments.get()[4]).filter(edit -> edit != null)
                .map(edit -> {
                    @SuppressWarnings("unchecked")
                    UnaryOperator<DataProductContract.Builder> typed = (UnaryOperator<DataProductContract.Builder>) edit;
                    return typed;
                }).toList();
        return Arbitraries.of(edits).list().ofMaxSize(4).map(chosen -> {
            DataProductContract.Builder builder = DataProductContract.newBuilder(ChangeClassificationTest.v1());
            chosen.forEach(edit -> edit.apply(builder));
            return builder.build();
        });
    }

    @Provide
    Arbitrary<String> versions() {
        return Arbitraries.of("0.9.0", "1.0.0", "1.0.1", "1.1.0", "2.0.0");
    }
}
