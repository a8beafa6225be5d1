package io.meshwarden.schemas;

import java.util.Locale;

/** How Meshwarden writes the values of its output topics. Readers accept both, whatever this says. */
public enum OutputFormat {
    /** Avro single-object encoding: a two-byte marker, the schema fingerprint, then Avro binary. */
    AVRO,
    /** Plain JSON (no Avro union wrappers), so operations can read any topic with kcat. */
    JSON;

    /** Parses {@code avro} or {@code json}, case-insensitively. */
    public static OutputFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output format must be 'avro' or 'json', not '" + text + "'", e);
        }
    }
}
