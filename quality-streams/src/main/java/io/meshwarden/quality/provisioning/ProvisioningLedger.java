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
 * no new event. The occasion is {@code <topic>@<contract version>:<actual value>}, so a replay after a restart (when
 * this in-memory ledger starts empty) yields the same violation id and consumers deduplicate it.
 */
final class ProvisioningLedger {
    private record Key(String productId, String topic, String ruleId) { }

    private record Open(Violation breach, ViolationRule rule, String occasion) { }

    private final Map<Key, Open> open = new HashMap<>();

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
