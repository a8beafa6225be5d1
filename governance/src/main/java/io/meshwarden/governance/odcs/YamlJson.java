package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.governance.yaml.YamlFileException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML document as a Jackson tree (what the JSON-schema validator reads), with the line of every
 * path in it ({@code $.schema[0].properties[2]}), so that a schema error names where it is.
 */
final class YamlJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String file;
    private final JsonNode root;
    private final Map<String, Integer> lines = new HashMap<>();

    private YamlJson(String file, Node yaml) {
        this.file = file;
        this.root = convert(yaml, "$");
    }

    static YamlJson parse(String file, String text) {
        try {
            Node node = new Yaml().compose(new StringReader(text));
            if (node == null) {
                throw new YamlFileException(file, 1, "the document is empty");
            }
            return new YamlJson(file, node);
        } catch (MarkedYAMLException e) {
            throw new YamlFileException(file, e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1,
                    "not valid YAML: " + e.getProblem());
        }
    }

    JsonNode root() {
        return root;
    }

    /** The line of a path, or of its nearest enclosing path that has one. */
    int lineOf(String path) {
        String p = path;
        while (!lines.containsKey(p) && p.length() > 1) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "$" : p.substring(0, cut);
        }
        return lines.getOrDefault(p, 1);
    }

    YamlFileException error(String path, String problem) {
        return new YamlFileException(file, lineOf(path), path + ": " + problem);
    }

    private JsonNode convert(Node node, String path) {
        lines.put(path, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode mapping) {
            ObjectNode object = JSON.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = ((ScalarNode) tuple.getKeyNode()).getValue();
                object.set(key, convert(tuple.getValueNode(), path + "." + key));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = JSON.arrayNode();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                array.add(convert(sequence.getValue().get(i), path + "[" + i + "]"));
            }
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        String value = scalar.getValue();
        if (Tag.NULL.equals(tag)) {
            return JSON.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            return JSON.booleanNode(Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT)));
        }
        if (Tag.INT.equals(tag)) {
            try {
                return JSON.numberNode(Long.parseLong(value.replace("_", "")));
            } catch (NumberFormatException e) {
                return JSON.textNode(value); // sexagesimal or octal forms stay text, as YAML 1.2 reads them
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return JSON.numberNode(Double.parseDouble(value.replace("_", "")));
            } catch (NumberFormatException e) {
                return JSON.textNode(value);
            }
        }
        return JSON.textNode(value);
    }
}
