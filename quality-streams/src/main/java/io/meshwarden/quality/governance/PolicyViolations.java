package io.meshwarden.quality.governance;

import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.PolicySetSubject;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Instant;

/** The violations admission reports about a policy set, keyed and named by the set. */
final class PolicyViolations {
    private PolicyViolations() {
    }

    /**
     * @param occasion what caused it (a publication, an approval), so that a replay gives the same id
     */
    static Violation about(PolicySet set, ViolationRule rule, ViolationStatus status, String occasion, long at, String message) {
        return about(set.getId(), set.getDomain(), set.getVersion(), rule, status, occasion, at, message);
    }

    /** About version {@code version} of set {@code setId} of {@code domain} (null: the global set). */
    static Violation about(String setId, String domain, String version, ViolationRule rule, ViolationStatus status,
                           String occasion, long at, String message) {
        return ViolationFactory.violation(PolicySetSubject.of(setId), domain == null ? "global" : domain,
                        rule, status, occasion, Instant.ofEpochMilli(at))
                .setMessage(message)
                .setPolicySetId(setId)
                .setPolicySetVersion(version)
                .build();
    }

    /** This publication of this version. */
    static String publication(PolicySet set) {
        return set.getVersion() + "@" + set.getPublishedAt().toEpochMilli();
    }
}
