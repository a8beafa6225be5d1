package io.meshwarden.lineage;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The custom dataset facet {@value #NAME}: what makes a topic a data product, which no standard
 * facet carries (domain, owner team and steward, contract version and status, classification, the
 * output port, documentation link, upstream products, sunset and successor). OpenLineage lets a
 * producer add facets under its own prefix with a {@code _schemaURL} of their schema; that schema
 * ships in this jar ({@code openlineage/facets/DataProductDatasetFacet.json}). Built on the client's
 * {@link OpenLineage.DefaultDatasetFacet}, whose additional properties the client's JSON writer
 * writes as the facet's own fields.
 */
final class DataProductFacet extends OpenLineage.DefaultDatasetFacet {
    static final String NAME = "meshwarden_dataProduct";
    static final URI SCHEMA_URL = URI.create(
            "https://meshwarden.io/spec/facets/1-0-0/DataProductDatasetFacet.json#/$defs/DataProductDatasetFacet");

    DataProductFacet(URI producer, DataProductContract contract, OutputPort port) {
        super(producer, null);
        Map<String, Object> fields = getAdditionalProperties();
        fields.put("productId", contract.getId());
        fields.put("domain", contract.getDomain());
        fields.put("name", contract.getName());
        fields.put("version", contract.getVersion());
        fields.put("status", lower(contract.getStatus()));
        putIfPresent(fields, "ownerTeam", contract.getOwner() == null ? null : contract.getOwner().getTeam());
        putIfPresent(fields, "steward", contract.getOwner() == null ? null : contract.getOwner().getSteward());
        fields.put("classification", lower(port.getClassification() != null ? port.getClassification() : contract.getClassification()));
        fields.put("outputPort", Map.of("name", port.getName(), "topic", port.getTopic(), "format", port.getFormat()));
        putIfPresent(fields, "documentationUrl", contract.getDocumentationUrl());
        putIfPresent(fields, "sourcePlatform", contract.getSourcePlatform());
        fields.put("upstreamProducts", List.copyOf(contract.getUpstreamProducts()));
        putIfPresent(fields, "sunsetDate", contract.getSunsetDate());
        putIfPresent(fields, "successor", contract.getSuccessor());
    }

    @Override
    public URI get_schemaURL() {
        return SCHEMA_URL;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static void putIfPresent(Map<String, Object> fields, String key, Object value) {
        if (value != null) {
            fields.put(key, value);
        }
    }
}
