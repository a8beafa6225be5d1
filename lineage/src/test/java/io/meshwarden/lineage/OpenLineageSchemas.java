package io.meshwarden.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks an OpenLineage event against the specification's JSON Schemas, as copied into the test
 * resources (openlineage/spec, see its SOURCE.md), and Meshwarden's own facet schema: the event
 * against OpenLineage.json, then every facet in it against the schema its {@code _schemaURL} names.
 * Nothing is fetched: every {@code https://openlineage.io/spec/} id resolves to a copy, and a facet
 * whose schema has no copy is an error.
 */
final class OpenLineageSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers
                    .mapPrefix("https://openlineage.io/spec/", "classpath:openlineage/spec/")
                    .mapPrefix("https://meshwarden.io/spec/facets/1-0-0/", "classpath:openlineage/facets/")));
    static final String EVENT_SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json";

    private OpenLineageSchemas() {
    }

    /** Every validation error of {@code json}, as {@code <schema>: <message>}; empty when it is valid. */
    static List<String> errors(String json) {
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        List<String> errors = new ArrayList<>(validate(EVENT_SCHEMA, event));
        facets(event).forEach(facet -> {
            String url = facet.path("_schemaURL").asText("");
            errors.addAll(url.isEmpty() ? List.of("a facet without _schemaURL") : validate(url, facet));
        });
        return errors;
    }

    private static List<String> validate(String schemaUrl, JsonNode node) {
        try {
            return FACTORY.getSchema(SchemaLocation.of(schemaUrl)).validate(node).stream()
                    .map(ValidationMessage::getMessage).map(message -> schemaUrl + ": " + message).toList();
        } catch (RuntimeException e) {
            return List.of(schemaUrl + ": cannot load (" + e.getMessage() + ")");
        }
    }

    /** The facets of the event's run, job, dataset, inputs and outputs. */
    private static List<JsonNode> facets(JsonNode event) {
        List<JsonNode> facets = new ArrayList<>();
        addAll(facets, event.path("run").path("facets"));
        addAll(facets, event.path("job").path("facets"));
        addAll(facets, event.path("dataset").path("facets"));
        for (String side : List.of("inputs", "outputs")) {
            for (JsonNode dataset : event.path(side)) {
                addAll(facets, dataset.path("facets"));
                addAll(facets, dataset.path("inputFacets"));
                addAll(facets, dataset.path("outputFacets"));
            }
        }
        return facets;
    }

    private static void addAll(List<JsonNode> facets, JsonNode object) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            facets.add(fields.next().getValue());
        }
    }
}
