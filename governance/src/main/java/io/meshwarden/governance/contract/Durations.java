package io.meshwarden.governance.contract;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations contract files use: the short form of Meshwarden's YAML ({@code 500ms},
 * {@code 30s}, {@code 15m}, {@code 1h}, {@code 90d}, {@code 3y}), ISO-8601 ({@code P1Y},
 * {@code PT15M}, {@code P1DT12H}), and ODCS's value-plus-unit pairs ({@code value: 4, unit: d}).
 * A year is 365 days and an ISO month 30 days, as retention ceilings count them.
 */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|y)");
    private static final Pattern ISO = Pattern.compile("P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?"
            + "(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d{1,3})?)S)?)?");

    private Durations() {
    }

    /** The short form or ISO-8601; empty when the text is neither. */
    public static Optional<Duration> parse(String text) {
        String trimmed = text.trim();
        var matcher = FORMAT.matcher(trimmed);
        if (!matcher.matches()) {
            return iso(trimmed);
        }
        return Optional.of(of(Long.parseLong(matcher.group(1)), matcher.group(2)));
    }

    /**
     * An amount in a unit as ODCS writes it ({@code d}, {@code day}, {@code days}, {@code y},
     * {@code yr}, {@code years}, {@code h}, {@code min}, {@code s}, {@code ms}, {@code w}...);
     * empty when the unit is not one of those or the amount is not a whole number.
     */
    public static Optional<Duration> of(String amount, String unit) {
        String code = switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "ms", "millisecond", "milliseconds" -> "ms";
            case "s", "sec", "secs", "second", "seconds" -> "s";
            case "m", "min", "mins", "minute", "minutes" -> "m";
            case "h", "hr", "hrs", "hour", "hours" -> "h";
            case "d", "day", "days" -> "d";
            case "w", "week", "weeks" -> "w";
            case "y", "yr", "yrs", "year", "years" -> "y";
            default -> null;
        };
        if (code == null || !amount.trim().matches("\\d+")) {
            return Optional.empty();
        }
        long value = Long.parseLong(amount.trim());
        return Optional.of(code.equals("w") ? Duration.ofDays(7 * value) : of(value, code));
    }

    /** The largest of d, h, m, s, ms that expresses {@code duration} exactly, as {amount, unit}. */
    public static String[] amountAndUnit(Duration duration) {
        long ms = duration.toMillis();
        for (String unit : new String[] {"d", "h", "m", "s"}) {
            long size = of(1, unit).toMillis();
            if (ms != 0 && ms % size == 0) {
                return new String[] {Long.toString(ms / size), unit};
            }
        }
        return new String[] {Long.toString(ms), "ms"};
    }

    private static Duration of(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(365 * amount);
        };
    }

    private static Optional<Duration> iso(String text) {
        Matcher m = ISO.matcher(text.toUpperCase(Locale.ROOT));
        if (!m.matches() || text.length() < 3 || text.toUpperCase(Locale.ROOT).endsWith("T")) {
            return Optional.empty();
        }
        Duration total = Duration.ofDays(365 * number(m.group(1)) + 30 * number(m.group(2)) + 7 * number(m.group(3))
                + number(m.group(4))).plusHours(number(m.group(5))).plusMinutes(number(m.group(6)));
        if (m.group(7) != null) {
            total = total.plusMillis(new BigDecimal(m.group(7)).movePointRight(3).longValueExact());
        }
        return Optional.of(total);
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
