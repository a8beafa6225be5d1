package io.meshwarden.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * The released versions of every event schema, shipped as resources under
 * {@code io/meshwarden/avro/history/} and listed in its {@code index.txt}. A producer built against an
 * older release writes with one of these; decoders know their fingerprints and resolve them.
 */
public final class SchemaHistory {
    private static final String FOLDER = "io/meshwarden/avro/history/";
    private static final Map<String, List<Schema>> BY_FULL_NAME = load();

    private SchemaHistory() {
    }

    /** Older released versions of the record with this full name, oldest first. */
    public static List<Schema> olderVersionsOf(String fullName) {
        return BY_FULL_NAME.getOrDefault(fullName, List.of());
    }

    /** Every shipped older version, whatever its type. */
    public static List<Schema> all() {
        return BY_FULL_NAME.values().stream().flatMap(List::stream).toList();
    }

    private static Map<String, List<Schema>> load() {
        List<Schema> schemas = new ArrayList<>();
        for (String file : indexEntries()) {
            try (InputStream in = resource(file)) {
                schemas.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read shipped schema " + file, e);
            }
        }
        return schemas.stream().collect(Collectors.groupingBy(Schema::getFullName));
    }

    private static List<String> indexEntries() {
        try (InputStream in = resource("index.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema history index", e);
        }
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(FOLDER + file);
        if (in == null) {
            throw new IOException("missing resource " + FOLDER + file);
        }
        return in;
    }
}
