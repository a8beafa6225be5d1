package io.meshwarden.governance.anomaly;

import io.meshwarden.governance.properties.InvalidContractProperty;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a product's {@link AnomalySettings} from its contract's properties: the {@code properties} map of
 * a Meshwarden YAML contract, or an ODCS document's {@code customProperties}, which import into it. Every
 * key is optional:
 * <pre>
 * anomaly.enabled: "false"                      # default true
 * anomaly.sensitivity: "3.5"                    # standard deviations; default 3.5
 * anomaly.direction: drop                       # drop, spike or both; default per metric
 * anomaly.minAbsoluteChange: "50"               # in the metric's unit; default 0
 * anomaly.maintenance: "SUN 02:00-04:00; * 23:00-01:00"   # UTC; nothing learned or flagged
 * anomaly.holidays: "2026-12-25, 2027-01-01"    # judged as Sundays
 * </pre>
 * A value that does not parse is an {@link InvalidContractProperty} naming the property, never a default
 * silently put in its place; an unknown {@code anomaly.*} key too, since it is most likely a typo.
 */
public final class AnomalyProperties {
    public static final String PREFIX = "anomaly.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String SENSITIVITY = PREFIX + "sensitivity";
    public static final String DIRECTION = PREFIX + "direction";
    public static final String MIN_ABSOLUTE_CHANGE = PREFIX + "minAbsoluteChange";
    public static final String MAINTENANCE = PREFIX + "maintenance";
    public static final String HOLIDAYS = PREFIX + "holidays";
    private static final Set<String> KEYS = Set.of(ENABLED, SENSITIVITY, DIRECTION, MIN_ABSOLUTE_CHANGE, MAINTENANCE, HOLIDAYS);

    private AnomalyProperties() {
    }

    /** The settings the properties name; the defaults where they name none. */
    public static AnomalySettings of(Map<String, String> properties) {
        if (properties == null) {
            return AnomalySettings.DEFAULTS;
        }
        for (String key : properties.keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                throw new InvalidContractProperty(key, "unknown anomaly setting; known: " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        boolean enabled = parse(properties, ENABLED, true, text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false; was '" + text + "'");
        });
        double sensitivity = parse(properties, SENSITIVITY, AnomalySettings.DEFAULT_SENSITIVITY, Double::parseDouble);
        Optional<Direction> direction = Optional.ofNullable(parse(properties, DIRECTION, null, Direction::of));
        double minChange = parse(properties, MIN_ABSOLUTE_CHANGE, 0.0, Double::parseDouble);
        List<MaintenanceWindow> maintenance = parse(properties, MAINTENANCE, List.of(), text -> {
            List<MaintenanceWindow> windows = new ArrayList<>();
            for (String window : text.split(";")) {
                if (!window.isBlank()) {
                    windows.add(MaintenanceWindow.parse(window));
                }
            }
            return windows;
        });
        Set<LocalDate> holidays = parse(properties, HOLIDAYS, Set.of(), text -> {
            Set<LocalDate> days = new LinkedHashSet<>();
            for (String day : text.split(",")) {
                if (!day.isBlank()) {
                    days.add(date(day.trim()));
                }
            }
            return days;
        });
        try {
            return new AnomalySettings(sensitivity, direction, minChange, maintenance, holidays, enabled);
        } catch (IllegalArgumentException e) {
            String property = e.getMessage().startsWith("sensitivity") ? SENSITIVITY : MIN_ABSOLUTE_CHANGE;
            throw new InvalidContractProperty(property, e.getMessage());
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("holidays are dates YYYY-MM-DD separated by commas; '" + text + "' is not one", e);
        }
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(Map<String, String> properties, String key, T absent, Parser<T> parser) {
        String text = properties.get(key);
        if (text == null) {
            return absent;
        }
        try {
            return parser.parse(text.trim());
        } catch (IllegalArgumentException e) {
            String reason = e instanceof NumberFormatException ? "must be a number; was '" + text + "'" : e.getMessage();
            throw new InvalidContractProperty(key, reason);
        }
    }
}
