package io.meshwarden.quality.governance;

import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Violation;

/**
 * What admission forwards: a policy set now in force, or a violation about a policy set (a refusal,
 * a proposal held for approval or approved, an approval that does not count).
 */
sealed interface PolicyAdmissionResult {

    record InForce(PolicySet set) implements PolicyAdmissionResult {
    }

    record Reported(Violation violation) implements PolicyAdmissionResult {
    }
}
