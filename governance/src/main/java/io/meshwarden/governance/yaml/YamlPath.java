package io.meshwarden.governance.yaml;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Writes a place in a document as {@code $.rules[1].kind}, the form every error message and the
 * JSON-schema validator's instance locations use: from Jackson's parsing context while reading,
 * or from the path a mapping exception carries. Keys are written as they are, unquoted.
 */
final class YamlPath {
    static final String ROOT = "$";

    private YamlPath() {
    }

    /**
     * The place of the parser's current token: for a key or a scalar, the entry it belongs to; for
     * the start of a mapping or list, the entry that mapping or list is the value of.
     */
    static String of(JsonStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.hasPathSegment()) {
                segments.push(c.inArray() ? index(c.getCurrentIndex()) : key(c.getCurrentName()));
            }
        }
        return ROOT + String.join("", segments);
    }

    static String of(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder(ROOT);
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(key(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                path.append(index(reference.getIndex()));
            }
        }
        return path.toString();
    }

    /** The enclosing place: {@code $.rules[1]} of {@code $.rules[1].kind}, {@code $} of {@code $}. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? ROOT : path.substring(0, cut);
    }

    private static String key(String name) {
        return "." + name;
    }

    private static String index(int index) {
        return "[" + index + "]";
    }
}
