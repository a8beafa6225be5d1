package io.meshwarden.sla.history;

import io.meshwarden.sla.api.InvalidParameterException;
import io.meshwarden.sla.api.Params;
import io.meshwarden.sla.streams.HistoryStores;
import java.time.Duration;
import java.util.Locale;

/** The two spans of a product's history: the last 24 hours by five minutes, the last 30 days by hour. */
public enum HistoryRange {
    DAY("24h", HistoryStores.FINE_SPAN, HistoryStores.FINE_STEP),
    MONTH("30d", HistoryStores.ROLLUP_SPAN, HistoryStores.ROLLUP_STEP);

    private final String label;
    private final Duration span;
    private final Duration step;

    HistoryRange(String label, Duration span, Duration step) {
        this.label = label;
        this.span = span;
        this.step = step;
    }

    /** {@code 24h} (the default) or {@code 30d}; anything else is a 400 naming {@code range}. */
    public static HistoryRange parse(String raw) {
        String value = Params.blankToNull(raw);
        if (value == null) {
            return DAY;
        }
        for (HistoryRange range : values()) {
            if (range.label.equals(value.toLowerCase(Locale.ROOT))) {
                return range;
            }
        }
        throw new InvalidParameterException("range", "range must be 24h or 30d");
    }

    public String label() {
        return label;
    }

    public Duration span() {
        return span;
    }

    public Duration step() {
        return step;
    }

    /** The key prefix of a product's points of this range. */
    public String prefix(String productId) {
        return this == DAY ? HistoryStores.finePrefix(productId) : HistoryStores.rollupPrefix(productId);
    }
}
