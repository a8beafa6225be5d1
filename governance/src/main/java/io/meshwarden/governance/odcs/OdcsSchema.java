package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bundled ODCS v3.1.0 JSON Schema, which both the importer and the exporter check documents
 * against. It lists the apiVersions released before it; a later v3.0.x or v3.1.x patch release
 * is checked against it as v3.1.0 (patch releases add no keys), and the caller is told so.
 */
final class OdcsSchema {
    static final String API_VERSION = "v3.1.0";
    private static final Pattern V3 = Pattern.compile("v3\\.[01]\\.\\d+");
    private static final List<String> LISTED = List.of("v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0", "v2.2.2", "v2.2.1", "v2.2.0");
    private static final JsonSchema SCHEMA = load();

    private OdcsSchema() {
    }

    /** Whether a document of this apiVersion is checked as v3.1.0 because the bundled schema predates it. */
    static boolean newerPatch(String apiVersion) {
        return apiVersion != null && V3.matcher(apiVersion).matches() && !LISTED.contains(apiVersion);
    }

    /** The deepest validation error as {path, message}, or empty when the document is valid. */
    static Optional<String[]> firstError(JsonNode document) {
        JsonNode checked = document;
        if (document instanceof ObjectNode object && newerPatch(object.path("apiVersion").asText(null))) {
            checked = object.deepCopy();
            ((ObjectNode) checked).put("apiVersion", API_VERSION);
        }
        if (hasV30Rules(checked)) {
            checked = checked.deepCopy();
            withMetrics(checked);
        }
        List<ValidationMessage> errors = new ArrayList<>(SCHEMA.validate(checked));
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        // The deepest error is the cause; "unevaluated property" errors are echoes of it one level up.
        errors.sort(Comparator.comparing((ValidationMessage m) -> "unevaluatedProperties".equals(m.getType()))
                .thenComparing(m -> -m.getInstanceLocation().toString().length()));
        ValidationMessage first = errors.get(0);
        return Optional.of(new String[] {first.getInstanceLocation().toString(), first.getMessage()});
    }

    /** The v3.1 metric a v3.0 library {@code rule} became, or null when it names none. */
    static String metricOfRule(String rule) {
        return switch (rule) {
            case "nullCheck", "nullValues" -> "nullValues";
            case "duplicateCount", "duplicateValues" -> "duplicateValues";
            case "validValues", "invalidValues" -> "invalidValues";
            case "missingValues" -> "missingValues";
            case "rowCount" -> "rowCount";
            default -> null;
        };
    }

    /**
     * Whether a quality entry names its check with v3.0's {@code rule} and no {@code metric}: the
     * v3.1 schema knows {@code rule} only beside a metric, so such an entry is checked with the
     * metric it became (the importer reads it the same way).
     */
    private static boolean hasV30Rules(JsonNode node) {
        if (node.isObject() && node.has("rule") && !node.has("metric") && metricOfRule(node.path("rule").asText()) != null) {
            return true;
        }
        for (JsonNode child : node) {
            if (hasV30Rules(child)) {
                return true;
            }
        }
        return false;
    }

    private static void withMetrics(JsonNode node) {
        if (node instanceof ObjectNode object && node.has("rule") && !node.has("metric")) {
            String metric = metricOfRule(node.path("rule").asText());
            if (metric != null) {
                object.put("metric", metric);
            }
        }
        node.forEach(OdcsSchema::withMetrics);
    }

    private static JsonSchema load() {
        try (InputStream in = OdcsSchema.class.getResourceAsStream("odcs-json-schema-v3.1.0.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
