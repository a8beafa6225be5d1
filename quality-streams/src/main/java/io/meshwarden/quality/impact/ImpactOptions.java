package io.meshwarden.quality.impact;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * When the impact app reminds the owners of consumer groups still reading a deprecated version.
 *
 * @param reminderDays  days before the sunset at which a reminder goes out, each once, largest first
 *                      ({@code meshwarden.governance.impact.reminder.days}, 14, 7, 1)
 * @param checkInterval how often, wall clock, the deprecated versions are looked at ({@code meshwarden.governance.impact.reminder.check.ms})
 */
public record ImpactOptions(List<Integer> reminderDays, Duration checkInterval) {

    public ImpactOptions {
        if (reminderDays.stream().anyMatch(days -> days < 1)) {
            throw new IllegalArgumentException(Settings.IMPACT_REMINDER_DAYS.key() + " must list whole days of at least 1, not "
                    + reminderDays);
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException(Settings.IMPACT_REMINDER_CHECK_MS.key() + " must be positive, not " + checkInterval);
        }
        reminderDays = reminderDays.stream().distinct().sorted(Comparator.reverseOrder()).toList();
    }

    public static ImpactOptions defaults() {
        return new ImpactOptions(List.of(14, 7, 1), Duration.ofMinutes(1));
    }

    public static ImpactOptions from(MeshwardenConfig config) {
        String days = config.get(Settings.IMPACT_REMINDER_DAYS);
        List<Integer> points;
        try {
            points = Arrays.stream(days.split(",")).map(String::strip).filter(d -> !d.isEmpty()).map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Settings.IMPACT_REMINDER_DAYS.key() + " must list whole days, not '" + days + "'", e);
        }
        return new ImpactOptions(points, Duration.ofMillis(config.getLong(Settings.IMPACT_REMINDER_CHECK_MS)));
    }

    /**
     * The reminder point {@code daysLeft} days before a sunset has reached: the nearest point not before it, or
     * {@link SunsetWatch#PAST_SUNSET} on the sunset day and after; null while no point is reached yet.
     */
    Integer stage(long daysLeft) {
        if (daysLeft <= 0) {
            return SunsetWatch.PAST_SUNSET;
        }
        return reminderDays.stream().filter(point -> daysLeft <= point).min(Integer::compare).orElse(null);
    }
}
