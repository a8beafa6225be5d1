package io.meshwarden.governance.yaml;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One YAML document read with Jackson's YAML format, with the line of every path in it, so that
 * every error about a policy, contract or ODCS file names the file, the line and the path
 * ({@code global.yaml:9: $.rules[1].kind: unknown kind 'telepathy'}), whether Jackson finds it
 * while binding or the format's reader finds it afterwards.
 *
 * <p>{@link #read} binds a closed format (policy sets, Meshwarden's contract form) to records and
 * refuses keys the records do not name; {@link #readTree} gives an open format (ODCS) as a tree
 * for a JSON-schema validator. Both read the text twice: once for where everything is
 * ({@link YamlLines}, which also refuses aliases and a second document), once to bind it; both
 * refuse duplicate keys. Records declare single values as {@code String}: Jackson then hands over
 * the text as written ({@code 1.10}, {@code True}), so a format's own check reports exactly what
 * the user wrote.
 */
public final class YamlDocument<T> {
    /** An empty plain value ({@code description:}) is null, as YAML reads it; a quoted {@code ''} stays empty text. */
    private static final YAMLFactory YAML = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
    private static final ObjectMapper MAPPER = mapper();

    private final String file;
    private final T value;
    private final YamlLines lines;

    private YamlDocument(String file, T value, YamlLines lines) {
        this.file = file;
        this.value = value;
        this.lines = lines;
    }

    /** Binds a document of a closed format to {@code type}, refusing unknown keys and a null in a list or map. */
    public static <T> YamlDocument<T> read(String file, String text, Class<T> type) {
        return parse(file, text, parser -> MAPPER.readValue(parser, type));
    }

    /** A document of an open format as a tree, every key kept; numbers keep their written decimals. */
    public static YamlDocument<JsonNode> readTree(String file, String text) {
        return parse(file, text, MAPPER::readTree);
    }

    public String file() {
        return file;
    }

    public T value() {
        return value;
    }

    /** The line of a path, or of its nearest enclosing path that was read. */
    public int lineOf(String path) {
        return lines.lineOf(path);
    }

    public YamlFileException error(String path, String problem) {
        return new YamlFileException(file, lineOf(path), path + ": " + problem);
    }

    /** {@code value}, or an error at {@code path} that its {@code key} is required. */
    public <V> V require(String path, String key, V value) {
        if (value == null) {
            throw error(path, "'" + key + "' is required");
        }
        return value;
    }

    /** A required text that must not be blank. */
    public String requireText(String path, String key, String value) {
        if (require(path, key, value).isBlank()) {
            throw error(path + "." + key, "'" + key + "' must not be empty");
        }
        return value;
    }

    private interface Reader<T> {
        T read(YAMLParser parser) throws IOException;
    }

    private static <T> YamlDocument<T> parse(String file, String text, Reader<T> reader) {
        YamlLines lines = YamlLines.NONE;
        try {
            try (YAMLParser parser = YAML.createParser(text)) {
                lines = YamlLines.read(parser);
            }
            if (lines.isEmpty()) {
                throw new YamlFileException(file, 1, "the document is empty");
            }
            try (YAMLParser parser = YAML.createParser(text)) {
                return new YamlDocument<>(file, reader.read(parser), lines);
            }
        } catch (JacksonException e) {
            // The parser is closed by now, but the exception keeps it and its context: where it stopped.
            throw YamlErrors.of(file, e, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String fails only through Jackson, handled above
        }
    }

    private static ObjectMapper mapper() {
        YAMLMapper mapper = new YAMLMapper(YAML);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        // A null item in a list or a null value in a map is a mistake in every closed format.
        mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        mapper.configOverride(Map.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        return mapper;
    }
}
