package io.meshwarden.bench.sla;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The violation flood: {@code products} products, each alternating freshness and completeness
 * episodes; an episode is {@code perEpisode - 1} repeated BREACH records then one RECOVERY. Episodes
 * of a product are an hour apart and lie 20 days in the past, so neither flapping (cycles within 30
 * minutes) nor burn-rate alerts (last 6 hours) change the expected count: exactly one OPEN event per
 * episode. Records are interleaved across products, as a real mesh produces them.
 */
record FloodScenario(int products, int episodes, int perEpisode) {
    static final String DOMAIN = "bench";

    int violations() {
        return products * episodes * perEpisode;
    }

    static String productId(int index) {
        return DOMAIN + ".product-" + index;
    }

    static ViolationRule ruleOf(int episode) {
        return episode % 2 == 0 ? ViolationRule.FRESHNESS : ViolationRule.COMPLETENESS;
    }

    /** Every violation in the order they are produced. */
    List<Violation> flood(Instant now) {
        Instant start = now.minus(Duration.ofDays(20));
        List<Violation> all = new ArrayList<>(violations());
        for (int episode = 0; episode < episodes; episode++) {
            for (int step = 0; step < perEpisode; step++) {
                Instant at = start.plus(Duration.ofHours(episode)).plus(Duration.ofSeconds(step));
                ViolationStatus status = step == perEpisode - 1 ? ViolationStatus.RECOVERY : ViolationStatus.BREACH;
                for (int product = 0; product < products; product++) {
                    all.add(violation(productId(product), ruleOf(episode), status, at));
                }
            }
        }
        return all;
    }

    static Violation violation(String productId, ViolationRule rule, ViolationStatus status, Instant at) {
        boolean freshness = rule.equals(ViolationRule.FRESHNESS);
        return ViolationFactory.violation(productId, DOMAIN, rule, status, Long.toString(at.toEpochMilli()), at)
                .setMessage(rule.ruleId() + " " + status).setObservedValue(freshness ? 7_200_000.0 : 0.91)
                .setTargetValue(freshness ? 3_600_000.0 : 0.995).build();
    }
}
