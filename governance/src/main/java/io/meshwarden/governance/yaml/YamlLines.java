package io.meshwarden.governance.yaml;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each path of a YAML document is ({@code $.rules[1].kind} → line 9) and what is there (a
 * mapping, a list or a single value), from one read of its tokens before anything is bound: a
 * problem found later (an unknown rule kind, a schema violation) is then reported at its line,
 * and a syntax error anywhere comes before any structural one. The read also refuses what
 * Jackson's YAML format would let through: an alias ({@code *name}, which it hands over as the
 * alias name instead of the value) and a second document in the same file.
 */
final class YamlLines {
    private record Place(int line, JsonToken token) {
    }

    private final Map<String, Place> places;

    private YamlLines(Map<String, Place> places) {
        this.places = Map.copyOf(places);
    }

    static final YamlLines NONE = new YamlLines(Map.of());

    static YamlLines read(YAMLParser parser) throws IOException {
        Map<String, Place> places = new HashMap<>();
        int depth = 0;
        boolean seenRoot = false;
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            if (token.isStructEnd()) {
                depth--;
                continue;
            }
            if (depth == 0) {
                if (seenRoot) {
                    throw new JsonParseException(parser, "expected a single document, but found another");
                }
                seenRoot = true;
            }
            if (parser.isCurrentAlias()) {
                throw new JsonParseException(parser, "the alias *" + parser.getText() + " is not supported; write the value out");
            }
            if (token.isStructStart()) {
                depth++;
            }
            // A key comes first, then its value, whose line is the one to report.
            places.put(YamlPath.of(parser.getParsingContext()), new Place(parser.currentTokenLocation().getLineNr(), token));
        }
        return new YamlLines(places);
    }

    boolean isEmpty() {
        return places.isEmpty();
    }

    /** The line of a path, or of its nearest enclosing path that was read; 1 when none was. */
    int lineOf(String path) {
        String p = path;
        while (!places.containsKey(p) && !p.equals(YamlPath.ROOT)) {
            p = YamlPath.parent(p);
        }
        return places.containsKey(p) ? places.get(p).line() : 1;
    }

    /** What is at a path: {@code "list"}, {@code "mapping"} or {@code "single value"}. */
    String shapeAt(String path) {
        Place place = places.get(path);
        if (place == null || !place.token().isStructStart()) {
            return "single value";
        }
        return place.token() == JsonToken.START_ARRAY ? "list" : "mapping";
    }
}
