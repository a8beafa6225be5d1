package io.meshwarden.governance.anomaly;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * A weekly (or daily) period, in UTC, in which a product's detectors neither learn nor flag: a planned
 * load pause, a source platform's maintenance. Written {@code "SUN 02:00-04:00"}, or {@code "* 02:00-04:00"}
 * for every day; an end before the start runs past midnight.
 *
 * @param day empty for every day
 */
public record MaintenanceWindow(Optional<DayOfWeek> day, LocalTime start, LocalTime end) {

    public static MaintenanceWindow parse(String text) {
        String[] parts = text.trim().split("\\s+");
        String[] times = parts.length == 2 ? parts[1].split("-") : new String[0];
        if (times.length != 2) {
            throw new IllegalArgumentException("maintenance window must read 'DAY HH:MM-HH:MM' (DAY: MON..SUN or *); was '"
                    + text + "'");
        }
        Optional<DayOfWeek> day = parts[0].equals("*") ? Optional.empty() : Optional.of(day(parts[0], text));
        try {
            return new MaintenanceWindow(day, LocalTime.parse(times[0]), LocalTime.parse(times[1]));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("maintenance window times must be HH:MM; was '" + text + "'", e);
        }
    }

    private static DayOfWeek day(String name, String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().startsWith(name.toUpperCase(Locale.ROOT)) && name.length() >= 3) {
                return day;
            }
        }
        throw new IllegalArgumentException("maintenance window day must be MON..SUN or *; was '" + text + "'");
    }

    /** Whether the moment falls inside the window. */
    public boolean covers(long epochMs) {
        ZonedDateTime at = Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC);
        LocalTime time = at.toLocalTime();
        if (!start.isAfter(end)) {
            return onDay(at.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
        return onDay(at.getDayOfWeek()) && !time.isBefore(start) || onDay(at.getDayOfWeek().minus(1)) && time.isBefore(end);
    }

    private boolean onDay(DayOfWeek candidate) {
        return day.map(candidate::equals).orElse(true);
    }

    @Override
    public String toString() {
        return day.map(d -> d.name().substring(0, 3)).orElse("*") + " " + start + "-" + end;
    }
}
