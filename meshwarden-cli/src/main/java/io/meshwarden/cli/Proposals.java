package io.meshwarden.cli;

import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rejected proposals of one domain, from its decisions in topic order: one entry per proposed
 * contract (its repeats counted, not listed: they carry the same violation ids), newest first, each
 * with the version accepted for its product since, if any. Pure, for {@link ProposalsCommand}.
 */
final class Proposals {

    /**
     * @param latest       the last decision on this proposal
     * @param publications how many times it was published
     * @param acceptedSince the version of the product accepted after it, or null
     */
    record Proposal(Decision latest, int publications, String acceptedSince) {
    }

    private final String domain;
    private final Map<List<String>, Proposal> byViolations = new LinkedHashMap<>();
    private final Map<String, Decision> lastAccepted = new HashMap<>();

    Proposals(String domain) {
        this.domain = domain;
    }

    void add(Decision decision) {
        if (decision == null || !domain.equals(domainOf(decision))) {
            return;
        }
        if (decision.getOutcome() != DecisionOutcome.REJECTED) {
            lastAccepted.put(decision.getProductId(), decision);
            return;
        }
        List<String> key = new ArrayList<>();
        key.add(decision.getProductId());
        decision.getViolations().stream().map(Violation::getViolationId).sorted().forEach(key::add);
        Proposal before = byViolations.remove(key);
        byViolations.put(key, new Proposal(decision, before == null ? 1 : before.publications() + 1, null));
    }

    /** Newest first, decided at or after {@code since}, at most {@code max}. */
    List<Proposal> recent(Instant since, int max) {
        return byViolations.values().stream()
                .filter(p -> !p.latest().getDecidedAt().isBefore(since))
                .map(p -> new Proposal(p.latest(), p.publications(), acceptedAfter(p.latest())))
                .sorted(Comparator.comparing((Proposal p) -> p.latest().getDecidedAt()).reversed())
                .limit(max)
                .toList();
    }

    private String acceptedAfter(Decision rejected) {
        Decision accepted = lastAccepted.get(rejected.getProductId());
        return accepted != null && accepted.getDecidedAt().isAfter(rejected.getDecidedAt()) ? accepted.getContractVersion() : null;
    }

    /** The domain its violations name, else the product id's first segment ({@code <domain>.<product>}). */
    static String domainOf(Decision decision) {
        if (!decision.getViolations().isEmpty()) {
            return decision.getViolations().get(0).getDomain();
        }
        int dot = decision.getProductId().indexOf('.');
        return dot < 0 ? decision.getProductId() : decision.getProductId().substring(0, dot);
    }
}
