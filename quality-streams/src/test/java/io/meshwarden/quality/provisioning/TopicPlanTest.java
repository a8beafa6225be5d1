package io.meshwarden.quality.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.quality.provisioning.TopicPlan.Pass;
import io.meshwarden.schemas.Replication;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicPlanTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final DesiredTopic WANT = new DesiredTopic("paid-media.campaign-performance", "paid-media", "1.0.0",
            "paid-media.campaign-performance.v1", 6, OptionalLong.of(7 * DAY), "delete", Replication.of(3));

    @Test
    void aMissingTopicIsCreatedAsTheContractSays() {
        TopicPlan plan = TopicPlan.of(WANT, Optional.empty(), Pass.ACCEPTED, false, Set.of());

        assertThat(plan.create()).isTrue();
        assertThat(plan.partitions()).hasValue(6);
        assertThat(plan.configs()).containsExactlyInAnyOrderEntriesOf(Map.of("retention.ms", Long.toString(7 * DAY),
                "cleanup.policy", "delete", "min.insync.replicas", "2"));
        assertThat(plan.findings()).isEmpty();
    }

    @Test
    void aTopicAsTheContractSaysIsLeftAlone() {
        TopicPlan plan = TopicPlan.of(WANT, Optional.of(new ActualTopic(6, 3, 7 * DAY, "delete", 2)), Pass.CHECK, true, Set.of());

        assertThat(plan.changes()).isFalse();
        assertThat(plan.findings()).isEmpty();
    }

    @Test
    void anAcceptedVersionGrowsTheTopicButNeverShrinksItNorLosesData() {
        TopicPlan grow = TopicPlan.of(WANT, Optional.of(new ActualTopic(3, 3, DAY, "delete", 1)), Pass.ACCEPTED, false, Set.of());
        assertThat(grow.partitions()).hasValue(6);
        assertThat(grow.configs()).containsEntry("retention.ms", Long.toString(7 * DAY)).containsEntry("min.insync.replicas", "2");
        assertThat(grow.findings()).isEmpty();

        TopicPlan shrink = TopicPlan.of(WANT, Optional.of(new ActualTopic(12, 3, -1, "compact", 2)), Pass.ACCEPTED, true, Set.of());
        assertThat(shrink.changes()).isFalse();
        assertThat(shrink.findings()).extracting(f -> f.rule().ruleId()).containsExactly("provisioning.refused.partitions",
                "provisioning.refused.retention.ms", "provisioning.refused.cleanup.policy");
        assertThat(shrink.refused()).containsExactlyInAnyOrder("partitions", "retention.ms", "cleanup.policy");
    }

    @Test
    void driftIsReportedAndCorrectedOnlyWhereSafeAndEnabled() {
        ActualTopic drifted = new ActualTopic(6, 3, DAY, "delete", 2);
        TopicPlan reported = TopicPlan.of(WANT, Optional.of(drifted), Pass.CHECK, false, Set.of());
        assertThat(reported.changes()).isFalse();
        assertThat(reported.findings()).extracting(f -> f.rule().ruleId()).containsExactly("provisioning.drift.retention.ms");

        TopicPlan corrected = TopicPlan.of(WANT, Optional.of(drifted), Pass.CHECK, true, Set.of());
        assertThat(corrected.configs()).containsExactly(Map.entry("retention.ms", Long.toString(7 * DAY)));
        assertThat(corrected.findings()).singleElement().satisfies(f -> assertThat(f.message()).endsWith(": corrected"));

        TopicPlan longer = TopicPlan.of(WANT, Optional.of(new ActualTopic(6, 3, 30 * DAY, "delete", 2)), Pass.CHECK, true, Set.of());
        assertThat(longer.changes()).as("shortening the retention back would delete records").isFalse();
        assertThat(longer.findings()).extracting(f -> f.rule().ruleId()).containsExactly("provisioning.drift.retention.ms");
    }

    @Test
    void aSettingRefusedAtAcceptanceStaysRefusedAtLaterChecks() {
        TopicPlan later = TopicPlan.of(WANT, Optional.of(new ActualTopic(12, 3, 7 * DAY, "delete", 2)), Pass.CHECK, true,
                Set.of("partitions"));

        assertThat(later.findings()).extracting(f -> f.rule().ruleId()).containsExactly("provisioning.refused.partitions");
    }

    @Test
    void fewerReplicasThanThePlatformsAreReportedNeverReassigned() {
        TopicPlan plan = TopicPlan.of(WANT, Optional.of(new ActualTopic(6, 1, 7 * DAY, "delete", 1)), Pass.ACCEPTED, true, Set.of());

        assertThat(plan.changes()).as("min.insync.replicas 2 cannot be met by one replica").isFalse();
        assertThat(plan.findings()).extracting(f -> f.rule().ruleId()).containsExactly("provisioning.drift.replication.factor");
    }

    @Test
    void theLedgerSendsABreachOnceAndARecoveryWhenTheFindingIsGone() {
        ProvisioningLedger ledger = new ProvisioningLedger();
        List<Finding> findings = TopicPlan.of(WANT, Optional.of(new ActualTopic(12, 3, 7 * DAY, "delete", 2)), Pass.ACCEPTED,
                false, Set.of()).findings();
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        assertThat(ledger.update(WANT.productId(), WANT.domain(), "1.0.0", findings, Set.of(), now)).singleElement()
                .satisfies(breach -> {
                    assertThat(breach.getRuleId()).isEqualTo("provisioning.refused.partitions");
                    assertThat(breach.getStatus().name()).isEqualTo("BREACH");
                    assertThat(breach.getObservedValue()).isEqualTo(12.0);
                    assertThat(breach.getTargetValue()).isEqualTo(6.0);
                });
        assertThat(ledger.update(WANT.productId(), WANT.domain(), "1.0.0", findings, Set.of(), now.plusSeconds(60))).isEmpty();
        assertThat(ledger.update(WANT.productId(), WANT.domain(), "2.0.0", List.of(), Set.of(WANT.topic() + "-other"), now.plusSeconds(120))).singleElement()
                .satisfies(recovery -> {
                    assertThat(recovery.getStatus().name()).isEqualTo("RECOVERY");
                    assertThat(recovery.getViolationId()).isEqualTo(
                            "paid-media.campaign-performance/provisioning.refused.partitions/recovery/paid-media.campaign-performance.v1@1.0.0:12");
                });
    }
}
