package io.meshwarden.quality.observed;

import io.meshwarden.config.Settings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.apache.kafka.streams.AutoOffsetReset;

/**
 * Where the observed app starts reading a topic on which its group has no committed offset yet
 * ({@code meshwarden.quality.observed.start}): {@code earliest}, the topic's beginning (the default: a product
 * opted in late is measured on all it holds); {@code latest}, only records written from then on; or an ISO-8601
 * duration such as {@code PT24H}, the records whose timestamps are at most that old (Kafka's offsets-for-times).
 * A committed offset always wins: restarting the app, or following a change of the opted-in topics, goes on where
 * it stopped.
 *
 * @param text   the setting as written, for the start-up log
 * @param policy the reset policy of the observed source
 */
public record ObservedStart(String text, AutoOffsetReset policy) {
    public static final ObservedStart EARLIEST = new ObservedStart("earliest", AutoOffsetReset.earliest());

    /** The start point {@code text} names; a clear error naming the setting for anything else. */
    public static ObservedStart parse(String text) {
        String value = text.strip();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("earliest")) {
            return EARLIEST;
        }
        if (lower.equals("latest")) {
            return new ObservedStart("latest", AutoOffsetReset.latest());
        }
        Duration back;
        try {
            back = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(Settings.QUALITY_OBSERVED_START.key() + " must be earliest, latest or an ISO-8601"
                    + " duration such as PT24H; was '" + (value.length() <= 64 ? value : value.substring(0, 64) + "...") + "'", e);
        }
        if (back.isNegative() || back.isZero()) {
            throw new IllegalArgumentException(Settings.QUALITY_OBSERVED_START.key() + " must be a positive duration; was " + value);
        }
        return new ObservedStart(back.toString(), AutoOffsetReset.byDuration(back));
    }
}
