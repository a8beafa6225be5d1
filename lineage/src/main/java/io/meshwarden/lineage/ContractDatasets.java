package io.meshwarden.lineage;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.DatasetEvent;
import io.openlineage.client.OpenLineage.SchemaDatasetFacetFields;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * An accepted contract as OpenLineage {@link DatasetEvent}s, one per output port (each port is a
 * topic, so a dataset of its own), with the facets {@code schema} (from the product's Avro schema,
 * nested records as nested fields, each field's description from the contract or the schema's
 * doc), {@code ownership} (owner team and steward), {@code documentation} (the description),
 * {@code version} (the contract version), {@code tags} (the classification and the contract's tags)
 * and {@link DataProductFacet}. Built with the official client's model, never as hand-written JSON.
 */
final class ContractDatasets {
    private final OpenLineage openLineage;
    private final KafkaDatasets datasets;

    ContractDatasets(OpenLineage openLineage, KafkaDatasets datasets) {
        this.openLineage = openLineage;
        this.datasets = datasets;
    }

    /** The events of {@code contract}, accepted at {@code acceptedAt}; none for a product without output ports. */
    List<DatasetEvent> events(DataProductContract contract, Instant acceptedAt) {
        return KafkaDatasets.ports(contract).stream().map(port -> openLineage.newDatasetEvent(acceptedAt.atZone(ZoneOffset.UTC),
                openLineage.newStaticDataset(datasets.namespace(), port.getTopic(), facets(contract, port)))).toList();
    }

    private OpenLineage.DatasetFacets facets(DataProductContract contract, OutputPort port) {
        OpenLineage.DatasetFacetsBuilder facets = openLineage.newDatasetFacetsBuilder()
                .schema(openLineage.newSchemaDatasetFacet(fields(contract)))
                .version(openLineage.newDatasetVersionDatasetFacet(contract.getVersion()))
                .tags(openLineage.newTagsDatasetFacet(tags(contract, port)));
        List<OpenLineage.OwnershipDatasetFacetOwners> owners = new ArrayList<>();
        if (contract.getOwner() != null && contract.getOwner().getTeam() != null) {
            owners.add(openLineage.newOwnershipDatasetFacetOwners("team:" + contract.getOwner().getTeam(), "OWNER"));
        }
        if (contract.getOwner() != null && contract.getOwner().getSteward() != null) {
            owners.add(openLineage.newOwnershipDatasetFacetOwners("user:" + contract.getOwner().getSteward(), "STEWARD"));
        }
        if (!owners.isEmpty()) {
            facets.ownership(openLineage.newOwnershipDatasetFacet(owners));
        }
        if (contract.getDescription() != null) {
            facets.documentation(openLineage.newDocumentationDatasetFacet(contract.getDescription()));
        }
        facets.put(DataProductFacet.NAME, new DataProductFacet(LineageEvents.PRODUCER, contract, port));
        return facets.build();
    }

    private List<OpenLineage.TagsDatasetFacetFields> tags(DataProductContract contract, OutputPort port) {
        List<OpenLineage.TagsDatasetFacetFields> tags = new ArrayList<>();
        var classification = port.getClassification() != null ? port.getClassification() : contract.getClassification();
        tags.add(openLineage.newTagsDatasetFacetFields("classification", classification.name().toLowerCase(Locale.ROOT),
                "meshwarden", null));
        contract.getTags().forEach(tag -> tags.add(openLineage.newTagsDatasetFacetFields(tag, "true", "meshwarden", null)));
        return tags;
    }

    /** The schema's fields; the contract's field list, untyped, when it has no schema that parses. */
    private List<SchemaDatasetFacetFields> fields(DataProductContract contract) {
        Map<String, String> descriptions = contract.getFields().stream().filter(field -> field.getDescription() != null)
                .collect(Collectors.toMap(FieldSpec::getName, FieldSpec::getDescription, (first, second) -> first));
        if (contract.getProductSchema() != null) {
            try {
                Schema schema = new Schema.Parser().parse(contract.getProductSchema());
                if (schema.getType() == Schema.Type.RECORD) {
                    return fields(schema, descriptions::get, new HashSet<>());
                }
            } catch (SchemaParseException e) {
                // Governance checks schema validity; a contract accepted despite it still names its fields below.
            }
        }
        return contract.getFields().stream().map(field -> openLineage.newSchemaDatasetFacetFieldsBuilder().name(field.getName())
                .description(field.getDescription()).build()).toList();
    }

    /** @param path the records being expanded, so that a recursive type is named once, not expanded forever */
    private List<SchemaDatasetFacetFields> fields(Schema record, Function<String, String> descriptions, Set<String> path) {
        path.add(record.getFullName());
        List<SchemaDatasetFacetFields> fields = record.getFields().stream().map(field -> {
            Schema type = nonNull(field.schema());
            String description = descriptions.apply(field.name());
            var builder = openLineage.newSchemaDatasetFacetFieldsBuilder().name(field.name()).type(typeName(type))
                    .description(description != null ? description : field.doc());
            if (type.getType() == Schema.Type.RECORD && !path.contains(type.getFullName())) {
                // Nested descriptions come from the nested schema's docs: the contract names top-level fields only.
                builder.fields(fields(type, name -> null, path));
            }
            return builder.build();
        }).toList();
        path.remove(record.getFullName());
        return fields;
    }

    /** The type of an optional field ({@code ["null", T]}) is {@code T}. */
    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> types = schema.getTypes().stream().filter(type -> type.getType() != Schema.Type.NULL).toList();
        return types.size() == 1 ? types.get(0) : schema;
    }

    private static String typeName(Schema schema) {
        return schema.getLogicalType() != null ? schema.getLogicalType().getName() : schema.getType().getName();
    }
}
