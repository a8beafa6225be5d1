package io.meshwarden.schemas;

import java.util.Arrays;
import java.util.Locale;

/** How Meshwarden writes the values of its output topics. Readers accept every one, whatever this says. */
public enum OutputFormat {
    /** Avro single-object encoding: a two-byte marker, the schema fingerprint, then Avro binary. */
    AVRO,
    /** Plain JSON (no Avro union wrappers), so operations can read any topic with kcat. */
    JSON,
    /**
     * The Confluent wire format: byte 0, the schema's id in a Confluent-compatible registry (4 bytes, big-endian),
     * then Avro binary; the schema registered under {@code <topic>-value}, so Confluent deserializers read it.
     */
    CONFLUENT_AVRO;

    /** The setting's spelling: {@code avro}, {@code json}, {@code confluent-avro}. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code avro}, {@code json} or {@code confluent-avro}, case-insensitively. */
    public static OutputFormat parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.settingValue().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("output format must be 'avro', 'json' or 'confluent-avro', not '"
                        + text + "'"));
    }
}
