package io.meshwarden.governance.anomaly;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One product's anomaly detector settings, from its contract ({@link AnomalyProperties}); every one has a
 * default, so a contract that says nothing gets detection that is quiet on weekly patterns and small products.
 *
 * @param sensitivity        how many standard deviations from the expected value a step must be to be flagged
 * @param direction          which departures are flagged; empty for each metric's own default
 * @param minAbsoluteChange  a departure smaller than this (in the metric's unit) is never flagged
 * @param maintenance        periods in which nothing is learned or flagged
 * @param holidays           days (UTC) judged, and learned from, as Sundays
 * @param enabled            false turns the product's detectors off
 */
public record AnomalySettings(double sensitivity, Optional<Direction> direction, double minAbsoluteChange,
                              List<MaintenanceWindow> maintenance, Set<LocalDate> holidays, boolean enabled) {
    public static final double DEFAULT_SENSITIVITY = 3.5;
    public static final AnomalySettings DEFAULTS = new AnomalySettings(DEFAULT_SENSITIVITY, Optional.empty(), 0.0,
            List.of(), Set.of(), true);

    public AnomalySettings {
        if (!(sensitivity > 0) || Double.isInfinite(sensitivity)) {
            throw new IllegalArgumentException("sensitivity must be a positive number of standard deviations; was "
                    + sensitivity);
        }
        if (!(minAbsoluteChange >= 0) || Double.isInfinite(minAbsoluteChange)) {
            throw new IllegalArgumentException("minAbsoluteChange must be zero or positive; was " + minAbsoluteChange);
        }
        maintenance = List.copyOf(maintenance);
        holidays = Set.copyOf(holidays);
    }

    /** These settings with detection off. */
    public AnomalySettings disabled() {
        return new AnomalySettings(sensitivity, direction, minAbsoluteChange, maintenance, holidays, false);
    }

    /** The moment whose hour and weekday profile applies: on a holiday, the same hour of the next Sunday. */
    public long profileMoment(long epochMs) {
        if (holidays.isEmpty()) {
            return epochMs;
        }
        LocalDate day = Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC).toLocalDate();
        if (!holidays.contains(day)) {
            return epochMs;
        }
        int toSunday = DayOfWeek.SUNDAY.getValue() - day.getDayOfWeek().getValue();
        return epochMs + ChronoUnit.DAYS.getDuration().toMillis() * toSunday;
    }

    /** Whether the moment falls in a maintenance window. */
    public boolean inMaintenance(long epochMs) {
        return maintenance.stream().anyMatch(window -> window.covers(epochMs));
    }
}
