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

    /** The lowest version after {@code version} that makes this bump: 1.4.2 → 2.0.0, 1.5.0 or 1.4.3; the same for none. */
    public SemVer from(SemVer version) {
        return switch (this) {
            case NONE -> version;
            case PATCH -> new SemVer(version.major(), version.minor(), version.patch() + 1);
            case MINOR -> new SemVer(version.major(), version.minor() + 1, 0);
            case MAJOR -> new SemVer(version.major() + 1, 0, 0);
        };
    }

    public boolean atLeast(Bump other) {
        return compareTo(other) >= 0;
    }
}
