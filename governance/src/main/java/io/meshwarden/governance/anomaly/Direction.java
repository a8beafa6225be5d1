package io.meshwarden.governance.anomaly;

import java.util.Locale;

/** Which departures from the expected band a detector flags. */
public enum Direction {
    /** Only values below the band: lost records, a stalled load. */
    DROP,
    /** Only values above the band: a burst of nulls, a doubled load. */
    SPIKE,
    /** Both. */
    BOTH;

    /** Whether a departure of this sign (negative: below the expected value) is flagged. */
    public boolean flags(double deviation) {
        return switch (this) {
            case DROP -> deviation < 0;
            case SPIKE -> deviation > 0;
            case BOTH -> deviation != 0;
        };
    }

    /** The direction named in a contract ({@code drop}, {@code spike}, {@code both}, any case). */
    public static Direction of(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("direction must be one of drop, spike, both; was '" + text + "'", e);
        }
    }
}
