package io.meshwarden.quality.provisioning;

import io.meshwarden.schemas.violation.ViolationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What to do to one product topic so that it matches its contract, and what to report: pure, no Kafka. A missing
 * topic is created as the contract says. On an existing one, a change that only adds (more partitions, a longer
 * retention, a higher {@code min.insync.replicas}) is safe; one that would take partitions away or lose records (fewer
 * partitions, a shorter retention, another cleanup policy) never is, and fewer replicas than the platform's factor is
 * an operator's reassignment, never done here.
 *
 * <p>When the contract version is new to provisioning ({@link Pass#ACCEPTED}), its safe changes are made and its unsafe
 * ones refused ({@code provisioning.refused.<setting>}). Afterwards ({@link Pass#CHECK}), a difference is drift the
 * topic underwent ({@code provisioning.drift.<setting>}), corrected when safe and {@code correctDrift} is on; a setting
 * refused at acceptance stays refused, so that the same difference keeps one rule.
 *
 * @param create     create the topic (with {@link #configs})
 * @param partitions raise the partition count to this
 * @param configs    the topic settings to set (at creation: all of them)
 * @param findings   what is reported
 * @param refused    the settings refused, to be remembered for later checks of this contract version
 */
record TopicPlan(boolean create, OptionalInt partitions, Map<String, String> configs, List<Finding> findings, Set<String> refused) {
    static final String PARTITIONS = "partitions";
    static final String REPLICATION_FACTOR = "replication.factor";

    enum Pass { ACCEPTED, CHECK }

    static TopicPlan of(DesiredTopic want, Optional<ActualTopic> have, Pass pass, boolean correctDrift, Set<String> refusedBefore) {
        Map<String, String> wanted = new LinkedHashMap<>();
        want.retentionMs().ifPresent(ms -> wanted.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(ms)));
        wanted.put(TopicConfig.CLEANUP_POLICY_CONFIG, want.cleanupPolicy());
        wanted.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(want.replication().minInSync()));
        if (have.isEmpty()) {
            return new TopicPlan(true, OptionalInt.of(want.partitions()), Map.copyOf(wanted), List.of(), Set.of());
        }
        Builder plan = new Builder(want, pass, correctDrift, refusedBefore);
        ActualTopic topic = have.get();
        if (topic.partitions() != want.partitions()) {
            plan.difference(PARTITIONS, Integer.toString(topic.partitions()), Integer.toString(want.partitions()),
                    topic.partitions() < want.partitions(),
                    "Kafka cannot take partitions away from a topic", () -> plan.partitions = OptionalInt.of(want.partitions()));
        }
        if (want.retentionMs().isPresent() && topic.retentionMs() != want.retentionMs().getAsLong()) {
            long wantedMs = want.retentionMs().getAsLong();
            plan.difference(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retentionMs()), Long.toString(wantedMs),
                    forever(wantedMs) > forever(topic.retentionMs()),
                    "a shorter retention would delete the records older than it at once",
                    () -> plan.configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(wantedMs)));
        }
        if (!topic.cleanupPolicy().equals(want.cleanupPolicy())) {
            plan.difference(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy(), want.cleanupPolicy(), false,
                    "compaction would drop all but the newest record of each key, deletion would expire records by age", () -> { });
        }
        int minInSync = want.replication().minInSync();
        if (topic.minInSync() < minInSync && minInSync <= topic.replicas()) {
            plan.difference(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(topic.minInSync()), Integer.toString(minInSync),
                    true, "", () -> plan.configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSync)));
        }
        if (topic.replicas() < want.replication().factor()) {
            plan.findings.add(new Finding(ViolationRule.provisioningDrift(REPLICATION_FACTOR), want.topic(), REPLICATION_FACTOR,
                    Integer.toString(topic.replicas()), Integer.toString(want.replication().factor()),
                    "topic " + want.topic() + " has " + topic.replicas() + " replicas, the platform " + want.replication().factor()
                            + ": adding replicas is a partition reassignment, for an operator"));
        }
        return new TopicPlan(false, plan.partitions, Map.copyOf(plan.configs), List.copyOf(plan.findings), Set.copyOf(plan.refused));
    }

    /** Whether the plan changes the cluster at all. */
    boolean changes() {
        return create || partitions.isPresent() || !configs.isEmpty();
    }

    private static long forever(long retentionMs) {
        return retentionMs < 0 ? Long.MAX_VALUE : retentionMs;
    }

    private static final class Builder {
        private final DesiredTopic want;
        private final Pass pass;
        private final boolean correctDrift;
        private final Set<String> refusedBefore;
        private OptionalInt partitions = OptionalInt.empty();
        private final Map<String, String> configs = new LinkedHashMap<>();
        private final List<Finding> findings = new ArrayList<>();
        private final Set<String> refused = new LinkedHashSet<>();

        Builder(DesiredTopic want, Pass pass, boolean correctDrift, Set<String> refusedBefore) {
            this.want = want;
            this.pass = pass;
            this.correctDrift = correctDrift;
            this.refusedBefore = refusedBefore;
        }

        void difference(String setting, String actual, String wanted, boolean safe, String whyUnsafe, Runnable apply) {
            String differs = "topic " + want.topic() + " has " + setting + " " + actual + ", contract " + want.contractVersion()
                    + " of " + want.productId() + " says " + wanted;
            if (safe && pass == Pass.ACCEPTED) {
                apply.run();
            } else if (safe) {
                if (correctDrift) {
                    apply.run();
                }
                findings.add(new Finding(ViolationRule.provisioningDrift(setting), want.topic(), setting, actual, wanted,
                        differs + (correctDrift ? ": corrected" : ": not corrected (meshwarden.provisioning.correct-drift is off)")));
            } else if (pass == Pass.ACCEPTED || refusedBefore.contains(setting)) {
                refused.add(setting);
                findings.add(new Finding(ViolationRule.provisioningRefused(setting), want.topic(), setting, actual, wanted,
                        differs + ": refused, " + whyUnsafe + "; the topic keeps " + actual));
            } else {
                findings.add(new Finding(ViolationRule.provisioningDrift(setting), want.topic(), setting, actual, wanted,
                        differs + ": not corrected, " + whyUnsafe));
            }
        }
    }
}
