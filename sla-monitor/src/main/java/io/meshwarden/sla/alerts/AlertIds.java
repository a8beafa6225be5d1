package io.meshwarden.sla.alerts;

/**
 * Alert ids are {@code <productId>/<ruleId>}: one alert per product and SLA kind or policy rule.
 * Rule ids never hold '/', so the last '/' separates the two even in a product id that breaks the
 * naming policy.
 */
public final class AlertIds {
    public static final char SEPARATOR = '/';

    private AlertIds() {
    }

    public static String of(String productId, String ruleId) {
        return productId + SEPARATOR + ruleId;
    }

    /** The product id of an alert id, or null when it has no separator (not an alert id). */
    public static String productId(String alertId) {
        int at = alertId.lastIndexOf(SEPARATOR);
        return at <= 0 || at == alertId.length() - 1 ? null : alertId.substring(0, at);
    }
}
