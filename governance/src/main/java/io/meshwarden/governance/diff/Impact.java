package io.meshwarden.governance.diff;

/**
 * What a change between two versions of a contract does to its consumers, and so the least
 * version bump it needs: a breaking change a major one, a compatible change (something added or
 * strengthened) a minor one, a patch-only change (documentation, metadata) a patch.
 */
public enum Impact {
    BREAKING(Bump.MAJOR), COMPATIBLE(Bump.MINOR), PATCH(Bump.PATCH);

    private final Bump bump;

    Impact(Bump bump) {
        this.bump = bump;
    }

    public Bump bump() {
        return bump;
    }
}
