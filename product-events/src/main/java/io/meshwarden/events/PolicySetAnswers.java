package io.meshwarden.events;

import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.PolicySetSubject;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Governance's answers to published policy sets, read from two topics: the in-force topic from its
 * beginning (the latest set per id is what is in force, so an unchanged re-publication, which
 * governance does not announce again, is recognised) and the violation topic from now on (a refusal
 * is a violation keyed by {@link PolicySetSubject} naming the set's version). Open it before
 * publishing, so that no answer slips past.
 */
final class PolicySetAnswers implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final TopicWaiter<PolicySet> inForce;
    private final TopicWaiter<Violation> violations;
    private final Map<String, PolicySet> latestInForce = new HashMap<>();
    private final List<Violation> refusals = new ArrayList<>();

    PolicySetAnswers(MeshwardenConfig config) {
        this.inForce = new TopicWaiter<>(config, config.topics().topic(Topics.POLICIES_IN_FORCE), true);
        this.violations = new TopicWaiter<>(config, config.topics().topic(Topics.VIOLATIONS));
    }

    /** Waits up to {@code timeout} for the answer to {@code published}, the set exactly as it was sent. */
    PolicySetOutcome await(PolicySet published, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<PolicySetOutcome> answer;
        do {
            inForce.read(POLL, set -> latestInForce.put(set.getId(), set));
            violations.read(POLL, violation -> {
                if (violation.getProductId().startsWith(PolicySetSubject.PREFIX)) {
                    refusals.add(violation);
                }
            });
            answer = answerTo(published);
        } while (answer.isEmpty() && System.nanoTime() < deadline);
        return answer.orElseGet(() -> new PolicySetOutcome.Unanswered(published));
    }

    /**
     * Waits up to {@code timeout} for version {@code version} of set {@code setId} to be in force;
     * unanswered when it is not by then.
     */
    PolicySetOutcome awaitVersion(String setId, String version, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            inForce.read(POLL, set -> latestInForce.put(set.getId(), set));
            PolicySet current = latestInForce.get(setId);
            if (inForce.caughtUp() && current != null && current.getVersion().equals(version)) {
                return new PolicySetOutcome.InForce(current);
            }
        } while (System.nanoTime() < deadline);
        return new PolicySetOutcome.Unanswered(PolicySet.newBuilder().setId(setId).setVersion(version)
                .setScope(io.meshwarden.avro.PolicyScope.GLOBAL).setPublishedAt(java.time.Instant.EPOCH).build());
    }

    private Optional<PolicySetOutcome> answerTo(PolicySet set) {
        for (Iterator<Violation> it = refusals.iterator(); it.hasNext(); ) {
            Violation refusal = it.next();
            if (refusal.getProductId().equals(PolicySetSubject.of(set.getId())) && set.getVersion().equals(refusal.getPolicySetVersion())
                    && refusal.getStatus() == ViolationStatus.BREACH) {
                if (refusal.getRuleId().equals(ViolationRule.POLICY_SET_ADMISSION.ruleId())) {
                    it.remove(); // one refusal answers one publication
                    return Optional.of(new PolicySetOutcome.Refused(set, refusal.getMessage()));
                }
                if (refusal.getRuleId().equals(ViolationRule.POLICY_SET_PROPOSAL.ruleId())) {
                    it.remove();
                    return Optional.of(new PolicySetOutcome.Held(set, refusal.getMessage()));
                }
            }
        }
        PolicySet current = latestInForce.get(set.getId());
        if (inForce.caughtUp() && current != null && sameContent(current, set)) {
            return Optional.of(new PolicySetOutcome.InForce(set));
        }
        return Optional.empty();
    }

    /** The publication time differs between publications of the same set; governance ignores it too. */
    private static boolean sameContent(PolicySet a, PolicySet b) {
        return PolicySet.newBuilder(a).setPublishedAt(b.getPublishedAt()).build().equals(b);
    }

    @Override
    public void close() {
        try (violations) {
            inForce.close();
        }
    }
}
