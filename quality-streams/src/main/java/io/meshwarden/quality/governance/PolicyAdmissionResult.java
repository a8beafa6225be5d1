package io.meshwarden.quality.governance;

import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Violation;

/** A published policy set after admission: in force, or refused with the violation that says why. */
sealed interface PolicyAdmissionResult {

    record InForce(PolicySet set) implements PolicyAdmissionResult {
    }

    record Refused(Violation violation) implements PolicyAdmissionResult {
    }
}
