package io.meshwarden.sla.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped Grafana dashboard ({@code deploy/grafana/dashboards/meshwarden.json}) as tests read it: its
 * panels' PromQL expressions and the metric names they query, so that a test can hold them against
 * what {@code /prometheus} really exports and a renamed metric cannot leave an empty panel unnoticed.
 */
public final class GrafanaDashboard {
    /** From a module's directory, where Surefire and Failsafe run. */
    public static final Path FILE = Path.of("..", "deploy", "grafana", "dashboards", "meshwarden.json");

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}|\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool",
            "offset", "and", "or", "unless", "inf", "nan");

    private final JsonNode root;

    private GrafanaDashboard(JsonNode root) {
        this.root = root;
    }

    public static GrafanaDashboard read(Path file) throws IOException {
        return new GrafanaDashboard(new ObjectMapper().readTree(file.toFile()));
    }

    public JsonNode root() {
        return root;
    }

    /** Every panel's every query expression, in order. */
    public List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        root.path("panels").forEach(panel -> panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText())));
        return expressions;
    }

    /** The metric names of all expressions. */
    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        expressions().forEach(expression -> names.addAll(metricNames(expression)));
        return names;
    }

    /**
     * The metric names one PromQL expression selects: identifiers outside strings, label matchers, ranges
     * and label lists, that are neither a function or aggregation (followed by a parenthesis) nor a keyword.
     */
    static Set<String> metricNames(String expression) {
        String bare = LABEL_LISTS.matcher(MATCHERS.matcher(STRINGS.matcher(expression).replaceAll(" ")).replaceAll(" "))
                .replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String rest = bare.substring(identifier.end()).stripLeading();
            if (!rest.startsWith("(") && !KEYWORDS.contains(identifier.group().toLowerCase(java.util.Locale.ROOT))) {
                names.add(identifier.group());
            }
        }
        return names;
    }

    /** The metric names a Prometheus text exposition declares ({@code # TYPE name type} lines). */
    public static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(line -> line.startsWith("# TYPE ")).forEach(line -> names.add(line.split(" ")[2]));
        return names;
    }
}
