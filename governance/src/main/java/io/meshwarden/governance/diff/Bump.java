package io.meshwarden.governance.diff;

/** A step between two semantic versions, from none (the same or a lower version) to major. */
public enum Bump {
    NONE, PATCH, MINOR, MAJOR;

    /** The step from {@code before} to {@code after}; {@link #NONE} when {@code after} is not higher. */
    public static Bump between(SemVer before, SemVer after) {
        if (after.compareTo(before) <= 0) {
            return NONE;
        }
        if (after.major() > before.major()) {
            return MAJOR;
        }
        return after.minor() > before.minor() ? MINOR : PATCH;
    }

    public boolean atLeast(Bump other) {
        return compareTo(other) >= 0;
    }
}
