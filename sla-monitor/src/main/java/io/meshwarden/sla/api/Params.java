package io.meshwarden.sla.api;

import java.util.Arrays;
import java.util.Locale;

/** Parsing of raw query parameters shared by the API's queries; a bad value names its parameter. */
public final class Params {
    private Params() {
    }

    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** The enum constant named (any case) by the parameter, null when absent. */
    public static <E extends Enum<E>> E enumValue(String field, Class<E> type, String raw) {
        String text = blankToNull(raw);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(field, field + " must be one of "
                    + Arrays.toString(type.getEnumConstants()) + " (any case), not '" + text + "'");
        }
    }

    /** A whole number in {@code [min, max]}, or the default when absent. */
    public static int intValue(String field, String raw, int min, int max, int defaultValue) {
        String text = blankToNull(raw);
        if (text == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(field, field + " must be a whole number between " + min + " and " + max
                    + ", not '" + text + "'");
        }
        if (value < min || value > max) {
            throw new InvalidParameterException(field, field + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    public static Boolean booleanValue(String field, String raw) {
        String text = blankToNull(raw);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidParameterException(field, field + " must be true or false, not '" + text + "'");
        };
    }
}
