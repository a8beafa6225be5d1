package io.meshwarden.governance.yaml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The one place where what Jackson says about a YAML document becomes what Meshwarden tells its
 * user: {@code file:line: path: problem}, in the words of the formats' documentation ("unknown key
 * 'sevrity'; known keys are [...]", "expected a list"). A binding error's path comes from the
 * exception's reference chain and its line from {@link YamlLines}; a syntax error's line is where
 * the parser gave up.
 */
final class YamlErrors {
    private YamlErrors() {
    }

    static YamlFileException of(String file, JacksonException e, YamlLines lines) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonYAMLParseException syntax) {
                return syntaxError(file, syntax);
            }
            if (cause instanceof StreamReadException unreadable) {
                return unreadable(file, unreadable);
            }
        }
        if (e instanceof JsonMappingException mapping) {
            String path = YamlPath.of(mapping.getPath());
            return new YamlFileException(file, lines.lineOf(path), path + ": " + problem(mapping, lines.shapeAt(path)));
        }
        return new YamlFileException(file, line(e.getLocation()), "not valid YAML: " + e.getOriginalMessage());
    }

    /** SnakeYAML's problem mark is where the parser gave up, which is the line a user looks at. */
    @SuppressWarnings("deprecation") // Jackson's wrapper is the only way to the mark without importing SnakeYAML itself
    private static YamlFileException syntaxError(String file, JacksonYAMLParseException e) {
        if (e instanceof com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException marked
                && marked.getProblemMark() != null) {
            return new YamlFileException(file, marked.getProblemMark().getLine() + 1, "not valid YAML: " + marked.getProblem());
        }
        return new YamlFileException(file, line(e.getLocation()), "not valid YAML: " + e.getOriginalMessage());
    }

    /**
     * Well-formed YAML that Jackson still cannot read: a duplicate key, a key that is a list or a
     * mapping, or what {@link YamlLines} refuses. Jackson's wording of the first two is rephrased.
     */
    private static YamlFileException unreadable(String file, StreamReadException e) {
        JsonParser parser = e.getProcessor();
        JsonStreamContext context = parser == null ? null : parser.getParsingContext();
        String path = context == null ? YamlPath.ROOT : YamlPath.of(context);
        String message = e.getOriginalMessage();
        if (message.startsWith("Duplicate field ")) {
            message = path + ": duplicate key " + message.substring("Duplicate field ".length());
        } else if (message.startsWith("Expected a field name")) {
            String mapping = context == null ? YamlPath.ROOT : YamlPath.of(context.getParent()); // not its previous key
            message = mapping + ": keys must be plain text";
        } else {
            message = (path.equals(YamlPath.ROOT) ? "" : path + ": ") + "not valid YAML: " + message;
        }
        return new YamlFileException(file, line(e.getLocation()), message);
    }

    private static String problem(JsonMappingException e, String found) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown key '" + unknown.getPropertyName() + "'; known keys are " + names(unknown.getKnownPropertyIds());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> type = mismatch.getTargetType();
            if (e instanceof InvalidNullException) {
                return expected(type) + ", not null";
            }
            return isSingleValue(type) ? expected(type) + ", not a " + found : expected(type);
        }
        return e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (isSingleValue(type)) {
            return "expected a single value";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "expected a list";
        }
        return "expected a mapping of keys to values";
    }

    private static boolean isSingleValue(Class<?> type) {
        return CharSequence.class.isAssignableFrom(type) || Number.class.isAssignableFrom(type) || type == Boolean.class
                || type.isPrimitive() || type.isEnum();
    }

    private static String names(Collection<Object> known) {
        TreeSet<String> names = new TreeSet<>();
        known.forEach(name -> names.add(name.toString()));
        return names.toString();
    }

    private static int line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? 1 : location.getLineNr();
    }
}
