package io.meshwarden.governance.diff;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Parsed product schemas, by their JSON text. A product's schema rarely changes between versions,
 * and parsing a 30-field schema costs more than every other rule together, so each text is parsed
 * once. Bounded: cleared when full, since old texts are not asked for again.
 */
public final class ParsedSchemas {
    private static final int MAX_ENTRIES = 4_096;
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private ParsedSchemas() {
    }

    /** @throws SchemaParseException when the text is not an Avro schema */
    public static Schema parse(String text) {
        Schema cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        Schema schema = new Schema.Parser().parse(text);
        if (CACHE.size() >= MAX_ENTRIES) {
            CACHE.clear();
        }
        CACHE.put(text, schema);
        return schema;
    }
}
