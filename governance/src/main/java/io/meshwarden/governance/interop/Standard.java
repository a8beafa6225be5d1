package io.meshwarden.governance.interop;

import com.google.re2j.Pattern;
import java.util.Locale;
import java.util.Set;

/**
 * One interoperability standard of a policy set: a shared dimension or identifier ({@code customer_id},
 * {@code currency}) or a standard metric ({@code spend_micros}), with what every field that stands for it
 * must have in common. Any of type, logical type, pattern and unit may be absent (not standardised).
 *
 * @param kind        {@code dimension} or {@code metric}, as messages name it
 * @param type        the Avro type of the field's values ({@code string}, {@code long}...), nullable
 * @param logicalType the Avro logical type ({@code timestamp-millis}), nullable
 * @param pattern     what every value looks like ({@code [A-Z]{3}} for ISO 4217), nullable
 * @param unit        the unit of the values ({@code micros}, {@code EUR}), nullable
 * @param meaning     what it means (a dimension's meaning, a metric's definition), nullable
 * @param aliases     other names that are near-misses of this one ({@code cust_id})
 */
public record Standard(String name, String kind, String type, String logicalType, Pattern pattern, String unit,
                       String meaning, Set<String> aliases) {

    public Standard {
        aliases = Set.copyOf(aliases);
    }

    /** How people and violations name it: {@code shared dimension 'customer_id' (CRM customer key)}. */
    public String label() {
        return (kind.equals("metric") ? "standard metric '" : "shared dimension '") + name + "'"
                + (meaning == null ? "" : " (" + meaning + ")");
    }

    /** Whether {@code fieldName} is spelled like this standard's name, or is one of its aliases, without being it. */
    public boolean nearMissName(String fieldName) {
        return !fieldName.equals(name) && (aliases.contains(fieldName) || squashed(fieldName).equals(squashed(name)));
    }

    /** Whether a field description says the same as this standard's meaning. */
    public boolean sameMeaning(String description) {
        return meaning != null && description != null && !description.isBlank()
                && squashed(description).equals(squashed(meaning));
    }

    /** Lower case without separators: {@code customerId}, {@code customer-id} and {@code Customer_ID} are one. */
    private static String squashed(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
