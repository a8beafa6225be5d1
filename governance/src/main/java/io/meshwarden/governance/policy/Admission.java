package io.meshwarden.governance.policy;

import io.meshwarden.avro.PolicySet;

/**
 * What became of a published policy set: put in force (giving the new layers), rejected with the
 * reason, or, for a global set that loosens the one in force, held for approval.
 */
public sealed interface Admission {

    PolicySet candidate();

    /** @param changed false when the set was already in force at this version (a replay) */
    record Accepted(PolicySet candidate, PolicyLayers layers, boolean changed) implements Admission {
    }

    record Rejected(PolicySet candidate, String reason) implements Admission {
    }

    /**
     * A new version of the global set that loosens the one in force: a governance change, held as a
     * proposal until stewards approve it ({@link PolicyLayers#admitApproved}); nothing changes meanwhile.
     *
     * @param loosenings each way it loosens the set in force
     */
    record Held(PolicySet candidate, java.util.List<String> loosenings) implements Admission {
    }
}
