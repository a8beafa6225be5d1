package io.meshwarden.governance.diff;

import io.meshwarden.governance.text.BoundedMemo;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Parsed product schemas, by their JSON text. A product's schema rarely changes between versions,
 * and parsing a 30-field schema costs more than every other rule together, so each text is parsed
 * once.
 */
public final class ParsedSchemas {
    private static final BoundedMemo<Schema> PARSED = new BoundedMemo<>(4_096, text -> new Schema.Parser().parse(text));

    private ParsedSchemas() {
    }

    /** @throws SchemaParseException when the text is not an Avro schema */
    public static Schema parse(String text) {
        return PARSED.get(text);
    }
}
