package io.meshwarden.governance.yaml;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A read-only view of one node of a YAML document that remembers where it came from, so that
 * every error about a policy or contract file names the file, the line and the path in the
 * document ({@code $.rules[2].severity}). Built on snakeyaml's node API, which keeps positions.
 */
public final class YamlNode {
    private final String file;
    private final Node node;
    private final String path;

    private YamlNode(String file, Node node, String path) {
        this.file = file;
        this.node = node;
        this.path = path;
    }

    /** Parses one YAML document; a syntax error names the line where the parser stopped. */
    public static YamlNode parse(String file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            Node root = new Yaml(options).compose(new StringReader(text));
            if (root == null) {
                throw new YamlFileException(file, 1, "the document is empty");
            }
            return new YamlNode(file, root, "$");
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new YamlFileException(file, line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new YamlFileException(file, 1, "not valid YAML: " + e.getMessage());
        }
    }

    public String file() {
        return file;
    }

    public int line() {
        return node.getStartMark().getLine() + 1;
    }

    public String path() {
        return path;
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** The entries of a mapping, in document order. */
    public Map<String, YamlNode> entries() {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping of keys to values");
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new YamlNode(file, tuple.getKeyNode(), path).error("keys must be plain text");
            }
            entries.put(key.getValue(), new YamlNode(file, tuple.getValueNode(), path + "." + key.getValue()));
        }
        return entries;
    }

    public List<YamlNode> items() {
        if (!(node instanceof SequenceNode sequence)) {
            throw error("expected a list");
        }
        List<Node> values = sequence.getValue();
        return java.util.stream.IntStream.range(0, values.size())
                .mapToObj(i -> new YamlNode(file, values.get(i), path + "[" + i + "]")).toList();
    }

    public Optional<YamlNode> get(String key) {
        return Optional.ofNullable(entries().get(key)).filter(value -> !value.isNull());
    }

    public YamlNode require(String key) {
        return get(key).orElseThrow(() -> error("'" + key + "' is required"));
    }

    public String text() {
        if (!(node instanceof ScalarNode scalar)) {
            throw error("expected a single value, not a " + (isList() ? "list" : "mapping"));
        }
        return scalar.getValue();
    }

    public String requireText(String key) {
        String text = require(key).text();
        if (text.isBlank()) {
            throw entries().get(key).error("'" + key + "' must not be empty");
        }
        return text;
    }

    public Optional<String> text(String key) {
        return get(key).map(YamlNode::text);
    }

    /** Rejects keys this format does not know, so that a typo is reported and never ignored. */
    public void allowOnly(Set<String> known) {
        entries().forEach((key, value) -> {
            if (!known.contains(key)) {
                throw value.error("unknown key '" + key + "'; known keys are " + new java.util.TreeSet<>(known));
            }
        });
    }

    public YamlFileException error(String problem) {
        return new YamlFileException(file, line(), path + ": " + problem);
    }

    private boolean isNull() {
        return node instanceof ScalarNode scalar && "tag:yaml.org,2002:null".equals(scalar.getTag().getValue());
    }
}
