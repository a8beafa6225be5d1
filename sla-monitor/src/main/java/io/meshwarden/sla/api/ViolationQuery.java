package io.meshwarden.sla.api;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import java.util.Arrays;
import java.util.Locale;

/**
 * A validated violation search: optional product id, domain and status filters, and how many of the
 * newest to return. Built from raw query parameters; a bad one is an {@link InvalidParameterException}
 * naming it.
 *
 * @param productId exact product id, or null for every product
 * @param domain    exact domain, or null for every domain
 * @param status    BREACH or RECOVERY, or null for both
 * @param limit     1 to {@link #MAX_LIMIT}
 */
public record ViolationQuery(String productId, String domain, ViolationStatus status, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public ViolationQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidParameterException("limit", "limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
    }

    /** Parses query parameters; null or blank means absent. */
    public static ViolationQuery parse(String productId, String domain, String status, String limit) {
        return new ViolationQuery(blankToNull(productId), blankToNull(domain), parseStatus(blankToNull(status)),
                parseLimit(blankToNull(limit)));
    }

    public boolean matches(Violation violation) {
        return (productId == null || productId.equals(violation.getProductId()))
                && (domain == null || domain.equals(violation.getDomain()))
                && (status == null || status == violation.getStatus());
    }

    private static ViolationStatus parseStatus(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ViolationStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("status", "status must be one of "
                    + Arrays.toString(ViolationStatus.values()) + " (any case), not '" + text + "'");
        }
    }

    private static int parseLimit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("limit", "limit must be a whole number between 1 and " + MAX_LIMIT
                    + ", not '" + text + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
