package io.meshwarden.quality.provisioning;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns each pass's findings into violation events: a BREACH when a finding (product, topic, rule) first appears, a
 * RECOVERY, with the same occasion, when it no longer does; nothing while a finding stands, so the same state gives
 * no new event. The occasion is {@code <topic>@<contract version>:<actual value>}, so a replay yields the same
 * violation id and consumers deduplicate it. The open breaches outlive a restart: the service keeps each in a compacted
 * topic under {@link #key} and gives them back with {@link #restore} before its first pass, so that a finding fixed
 * while it was down recovers.
 */
final class ProvisioningLedger {
    private record Key(String productId, String topic, String ruleId) { }

    private record Open(Violation breach, ViolationRule rule, String occasion) { }

    private final Map<Key, Open> open = new HashMap<>();

    /** Opens again a breach this ledger sent before a restart; it recovers once a pass no longer finds it. */
    void restore(Violation breach) {
        String occasion = occasion(breach);
        ViolationRule rule = new ViolationRule(breach.getRuleId(), breach.getCategory(), breach.getSeverity());
        open.put(new Key(breach.getProductId(), topic(occasion), breach.getRuleId()), new Open(breach, rule, occasion));
    }

    /** The key under which a breach of this ledger, and the recovery from it, are kept: {@code <product>/<topic>/<rule>}. */
    static String key(Violation violation) {
        return violation.getProductId() + ViolationFactory.SEPARATOR + topic(occasion(violation)) + ViolationFactory.SEPARATOR
                + violation.getRuleId();
    }

    /** What follows {@code <subject>/<rule>/<status>/} in the violation's id; neither of the three holds a '/'. */
    private static String occasion(Violation violation) {
        String id = violation.getViolationId();
        int at = -1;
        for (int i = 0; i < 3; i++) {
            at = id.indexOf(ViolationFactory.SEPARATOR, at + 1);
        }
        return id.substring(at + 1);
    }

    /** The topic an occasion names: a Kafka topic name holds no '@'. */
    private static String topic(String occasion) {
        return occasion.substring(0, occasion.indexOf('@'));
    }

    /**
     * The events that the product's findings of this pass cause; the open findings of the {@code unjudged} topics (not
     * compared this pass) stand as they are.
     */
    List<Violation> update(String productId, String domain, String contractVersion, Collection<Finding> findings,
                           Set<String> unjudged, Instant now) {
        List<Violation> events = new ArrayList<>();
        Set<Key> present = new HashSet<>();
        for (Finding finding : findings) {
            Key key = new Key(productId, finding.topic(), finding.rule().ruleId());
            present.add(key);
            if (!open.containsKey(key)) {
                String occasion = finding.topic() + "@" + contractVersion + ":" + finding.actual();
                Violation breach = ViolationFactory.violation(productId, domain, finding.rule(), ViolationStatus.BREACH, occasion, now)
                        .setMessage(finding.message())
                        .setContractVersion(contractVersion)
                        .setObservedValue(Finding.number(finding.actual()))
                        .setTargetValue(Finding.number(finding.wanted()))
                        .build();
                open.put(key, new Open(breach, finding.rule(), occasion));
                events.add(breach);
            }
        }
        for (Key key : new ArrayList<>(open.keySet())) {
            if (key.productId().equals(productId) && !present.contains(key) && !unjudged.contains(key.topic())) {
                events.add(recovery(open.remove(key), contractVersion, now));
            }
        }
        return events;
    }

    /** Recoveries of every open finding of a product that is gone from the catalog or retired. */
    List<Violation> forget(String productId, Instant now) {
        List<Violation> events = new ArrayList<>();
        for (Key key : new ArrayList<>(open.keySet())) {
            if (key.productId().equals(productId)) {
                Open breach = open.remove(key);
                events.add(recovery(breach, breach.breach().getContractVersion(), now));
            }
        }
        return events;
    }

    /** The products with an open finding. */
    Set<String> products() {
        Set<String> products = new TreeSet<>();
        open.keySet().forEach(key -> products.add(key.productId()));
        return products;
    }

    private static Violation recovery(Open breach, String contractVersion, Instant now) {
        return Violation.newBuilder(breach.breach())
                .setViolationId(ViolationFactory.violationId(breach.breach().getProductId(), breach.rule(), ViolationStatus.RECOVERY,
                        breach.occasion()))
                .setStatus(ViolationStatus.RECOVERY)
                .setContractVersion(contractVersion)
                .setMessage("resolved: " + breach.breach().getMessage())
                .setDetectedAt(now)
                .build();
    }
}
