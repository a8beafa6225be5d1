package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.Violation;
import io.meshwarden.schemas.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A domain's rejected proposals from its decisions: one per proposal, newest first, repeats counted. */
class ProposalsTest {
    private static final String PRODUCT = "paid-media.campaign-performance";

    private static Decision decision(String changeId, String version, DecisionOutcome outcome, Instant at, String occasion) {
        List<Violation> violations = outcome == DecisionOutcome.REJECTED
                ? List.of(Violation.newBuilder(Samples.violation(PRODUCT, "classification.pii"))
                        .setViolationId(PRODUCT + "/classification.pii/breach/" + occasion).setRejectedChange(true).build())
                : List.of();
        return Decision.newBuilder().setChangeId(changeId).setProductId(PRODUCT).setContractVersion(version)
                .setOutcome(outcome).setViolations(violations).setPolicySets(List.of("global@1.0.0")).setDecidedAt(at).build();
    }

    @Test
    void listsEachRejectedProposalOnceNewestFirstWithItsRepeatsAndWhatWasAcceptedSince() {
        Proposals proposals = new Proposals("paid-media");
        Instant t0 = Samples.T0;
        proposals.add(decision("c1", "1.1.0", DecisionOutcome.REJECTED, t0, "proposal-a"));
        proposals.add(decision("c2", "1.1.0", DecisionOutcome.REJECTED, t0.plusSeconds(60), "proposal-a"));
        proposals.add(decision("c3", "1.2.0", DecisionOutcome.REJECTED, t0.plusSeconds(120), "proposal-b"));
        proposals.add(decision("c4", "1.2.1", DecisionOutcome.ACCEPTED, t0.plusSeconds(180), null));
        proposals.add(Decision.newBuilder(decision("x", "1.0.0", DecisionOutcome.REJECTED, t0, "proposal-c"))
                .setProductId("email.send-engagement").setViolations(List.of()).build());

        List<Proposals.Proposal> recent = proposals.recent(t0.minus(Duration.ofDays(1)), 10);

        assertThat(recent).extracting(p -> p.latest().getChangeId(), Proposals.Proposal::publications,
                        Proposals.Proposal::acceptedSince)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c3", 1, "1.2.1"),
                        org.assertj.core.groups.Tuple.tuple("c2", 2, "1.2.1"));
        assertThat(proposals.recent(t0.plusSeconds(100), 10)).hasSize(1);
        assertThat(proposals.recent(t0.minus(Duration.ofDays(1)), 1)).hasSize(1);
    }
}
