package io.meshwarden.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.QualityGuarantees;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The testkit on the demo's ODCS paid-media product under the shipped policies: the contract is
 * accepted, one without a steward is rejected, a complete and fresh run breaches nothing, a short
 * one does and the assertion says so, and a weakened guarantee is breaking.
 */
@MeshwardenTest(contract = "../mesh-local/src/main/resources/demo/contracts/odcs/paid-media.campaign-performance.odcs.yaml",
        policies = "../policies")
class MeshwardenTestIT {

    @Test
    void acceptsTheDemoContractAndJudgesRunsAgainstItsGuarantees(Mesh mesh) {
        DataProductContract contract = mesh.contract();
        Decision accepted = mesh.assertAccepted();
        assertThat(accepted.getPolicySets()).anyMatch(set -> set.startsWith("paid-media@"));

        mesh.assertNoBreach(run(contract.getId(), "run-1", 1000, 1000));
        assertThatThrownBy(() -> mesh.assertNoBreach(run(contract.getId(), "run-2", 10, 1000)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("breaches of " + contract.getId());
    }

    @Test
    void rejectsAContractWithoutAStewardAndCallsAWeakenedGuaranteeBreaking(Mesh mesh) {
        DataProductContract contract = mesh.contract();
        DataProductContract noSteward = DataProductContract.newBuilder(contract).setId("paid-media.no-steward")
                .setName("no-steward").setOwner(Ownership.newBuilder(contract.getOwner()).setSteward(null).build()).build();
        mesh.assertRejected(noSteward);

        DataProductContract weaker = DataProductContract.newBuilder(contract).setVersion("1.1.0")
                .setGuarantees(QualityGuarantees.newBuilder(contract.getGuarantees()).setCompletenessPercent(90.0).build()).build();
        assertThat(mesh.assertBreaking(contract, weaker)).isNotEmpty();
        assertThatThrownBy(() -> mesh.assertBreaking(contract, contract)).isInstanceOf(AssertionError.class);
    }

    private static MetricEvent run(String productId, String runId, long loaded, long expected) {
        Instant now = Instant.now();
        return MetricEvent.newBuilder().setProductId(productId).setPipelineRunId(runId).setSourcePlatform("google-ads")
                .setRecordsLoaded(loaded).setRecordsExpected(expected).setFieldNullCounts(Map.of())
                .setNewestRecordTime(now).setEventTime(now).build();
    }
}
