package io.meshwarden.governance.policy;

import io.meshwarden.avro.PolicySet;

/** What became of a published policy set: put in force (giving the new layers), or rejected with the reason. */
public sealed interface Admission {

    PolicySet candidate();

    /** @param changed false when the set was already in force at this version (a replay) */
    record Accepted(PolicySet candidate, PolicyLayers layers, boolean changed) implements Admission {
    }

    record Rejected(PolicySet candidate, String reason) implements Admission {
    }
}
