package io.meshwarden.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project templates of {@code meshwarden init}, read from the resources under
 * {@code io/meshwarden/cli/init}: {@code templates.yaml} lists each template's files, and every file
 * and path is rendered by {@link #render}, the one substitution there is ({@code {{name}}}; an unknown
 * name is an error, so a template cannot ship a blank). Java sources are whole files with placeholders,
 * never concatenated.
 */
final class ProjectTemplate {
    static final String ROOT = "io/meshwarden/cli/init/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");
    private static final ObjectMapper YAML = new YAMLMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record FileSpec(String from, String to) {
    }

    record TemplateSpec(String description, String recordName, String recordDescription, Map<String, String> variables,
                        List<FileSpec> files) {
    }

    record Manifest(List<FileSpec> common, Map<String, TemplateSpec> templates) {
    }

    private final String name;
    private final Manifest manifest;
    private final TemplateSpec spec;

    private ProjectTemplate(String name, Manifest manifest, TemplateSpec spec) {
        this.name = name;
        this.manifest = manifest;
        this.spec = spec;
    }

    static Manifest manifest() {
        try {
            return YAML.readValue(resource("templates.yaml"), Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProjectTemplate named(String name) {
        Manifest manifest = manifest();
        TemplateSpec spec = manifest.templates().get(name);
        if (spec == null) {
            throw new IllegalArgumentException("--template: no template '" + name + "'; known: "
                    + new TreeSet<>(manifest.templates().keySet()));
        }
        return new ProjectTemplate(name, manifest, spec);
    }

    /** Every file of the project, path to content, rendered with {@code variables} and the template's own. */
    Map<String, String> files(Map<String, String> variables) {
        Map<String, String> all = new HashMap<>(variables);
        all.put("template", name);
        all.put("recordName", spec.recordName());
        all.put("recordDescription", spec.recordDescription());
        all.putAll(Optional.ofNullable(spec.variables()).orElse(Map.of()));
        all.put("schemaProperties", render(name + "/schema.yaml", text(name + "/schema.yaml"), all).stripTrailing());
        all.put("pipelineProperties", render(name + "/properties.yaml", text(name + "/properties.yaml"), all).stripTrailing());
        Map<String, String> files = new LinkedHashMap<>();
        for (List<FileSpec> group : List.of(manifest.common(), spec.files())) {
            for (FileSpec file : group) {
                files.put(render("templates.yaml", file.to(), all), render(file.from(), text(file.from()), all));
            }
        }
        return files;
    }

    /** Replaces every {@code {{name}}} in {@code text} with its value. */
    static String render(String source, String text, Map<String, String> variables) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("template " + source + " names an unknown variable {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    static String text(String path) {
        try (InputStream in = resource(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource of the templates; a missing one is a packaging error, naming it. */
    private static InputStream resource(String path) {
        InputStream in = ProjectTemplate.class.getClassLoader().getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IllegalStateException("resource " + ROOT + path + " is missing from the meshwarden CLI");
        }
        return in;
    }
}
