package io.meshwarden.schemas;

import org.apache.avro.SystemLimitException;

/**
 * Caps the sizes Avro will allocate while decoding. A corrupt or hostile length prefix would
 * otherwise make Avro allocate up to 2 GiB for one string or collection and take the whole
 * processor down with it; with these caps such a record fails to decode and goes to the
 * dead-letter topic. Avro reads the limits once, so they are set before the first decode; a
 * value the operator set on the command line is kept.
 */
final class AvroLimits {
    static final String MAX_TEXT_BYTES = Integer.toString(8 * 1024 * 1024);
    static final String MAX_COLLECTION_ITEMS = Integer.toString(1_000_000);

    private AvroLimits() {
    }

    static void apply() {
        setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_TEXT_BYTES);
        setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_TEXT_BYTES);
        setIfAbsent(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, MAX_COLLECTION_ITEMS);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
