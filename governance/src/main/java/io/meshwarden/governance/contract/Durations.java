package io.meshwarden.governance.contract;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the short durations contract files use: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}, {@code 90d}, {@code 3y}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|y)");

    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        var matcher = FORMAT.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(365 * amount);
        });
    }
}
