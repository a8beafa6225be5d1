package io.meshwarden.governance.contract;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.governance.policy.Strictness;
import io.meshwarden.governance.yaml.YamlDocument;
import io.meshwarden.governance.yaml.YamlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Reads a data product contract written in Meshwarden's YAML form (docs/contracts.md), bound by
 * Jackson to {@link ContractDocument}, then checks each value. Every error names the file, the line
 * and the path in the document. When the fields declare Avro types and no explicit {@code schema}
 * is given, the product schema is generated from them.
 */
public final class ContractYaml {
    private final YamlDocument<ContractDocument> document;

    private ContractYaml(YamlDocument<ContractDocument> document) {
        this.document = document;
    }

    public static DataProductContract read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new YamlFileException(file.toString(), 1, "cannot read: " + e.getMessage());
        }
    }

    public static DataProductContract parse(String file, String text) {
        return new ContractYaml(YamlDocument.read(file, text, ContractDocument.class)).contract();
    }

    private DataProductContract contract() {
        ContractDocument root = document.value();
        ContractDocument.Owner owner = document.require("$", "owner", root.owner());
        String id = document.requireText("$", "id", root.id());
        List<ContractDocument.Field> fields = listOf(root.fields());
        return DataProductContract.newBuilder()
                .setId(id)
                .setDomain(Objects.requireNonNullElse(root.domain(), id.contains(".") ? id.substring(0, id.indexOf('.')) : ""))
                .setName(Objects.requireNonNullElse(root.name(), id.substring(id.indexOf('.') + 1)))
                .setVersion(document.requireText("$", "version", root.version()))
                .setStatus(root.status() == null ? ProductStatus.DRAFT : status("$.status", root.status()))
                .setOwner(Ownership.newBuilder().setTeam(owner.team()).setSteward(owner.steward()).build())
                .setDescription(root.description())
                .setDocumentationUrl(root.documentation())
                .setClassification(root.classification() == null ? Classification.INTERNAL
                        : classification("$.classification", root.classification()))
                .setOutputPorts(each("$.outputPorts", root.outputPorts(), this::port))
                .setProductSchema(root.schema() != null ? root.schema()
                        : AvroSchemaOfFields.generate(Objects.requireNonNullElse(root.name(), id), fields, document))
                .setFields(each("$.fields", fields, this::field))
                .setGuarantees(root.guarantees() == null ? null : guarantees("$.guarantees", root.guarantees()))
                .setRetentionMs(root.retention() == null ? null : duration("$.retention", root.retention()).toMillis())
                .setUpstreamProducts(listOf(root.upstream()))
                .setTags(listOf(root.tags()))
                .setSourcePlatform(root.sourcePlatform())
                .setSunsetDate(root.sunsetDate())
                .setSuccessor(root.successor())
                .setProperties(root.properties() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(root.properties()))
                .build();
    }

    private OutputPort port(String path, ContractDocument.Port port) {
        return OutputPort.newBuilder().setName(document.requireText(path, "name", port.name()))
                .setTopic(document.requireText(path, "topic", port.topic()))
                .setFormat(Objects.requireNonNullElse(port.format(), "avro"))
                .setClassification(port.classification() == null ? null : classification(path + ".classification", port.classification()))
                .build();
    }

    private FieldSpec field(String path, ContractDocument.Field field) {
        return FieldSpec.newBuilder().setName(document.requireText(path, "name", field.name()))
                .setDescription(field.description())
                .setPii(flag(path + ".pii", field.pii())).setRequired(flag(path + ".required", field.required()))
                .setClassification(field.classification() == null ? null : classification(path + ".classification", field.classification()))
                .build();
    }

    private QualityGuarantees guarantees(String path, ContractDocument.Guarantees guarantees) {
        return QualityGuarantees.newBuilder()
                .setCompletenessPercent(percent(path + ".completenessPercent", guarantees.completenessPercent()))
                .setFreshnessMaxAgeMs(guarantees.freshness() == null ? null : duration(path + ".freshness", guarantees.freshness()).toMillis())
                .setAvailabilityPercent(percent(path + ".availabilityPercent", guarantees.availabilityPercent()))
                .setAccuracyTolerancePercent(percent(path + ".accuracyTolerancePercent", guarantees.accuracyTolerancePercent()))
                .setWindowMs(guarantees.window() == null ? null : duration(path + ".window", guarantees.window()).toMillis())
                .build();
    }

    private <D, R> List<R> each(String path, List<D> items, BiFunction<String, D, R> read) {
        List<D> all = listOf(items);
        List<R> results = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            results.add(read.apply(path + "[" + i + "]", all.get(i)));
        }
        return results;
    }

    private static <T> List<T> listOf(List<T> items) {
        return items == null ? List.of() : items;
    }

    private boolean flag(String path, String text) {
        if (text == null) {
            return false;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw document.error(path, "expected true or false, not '" + text + "'");
        };
    }

    private Double percent(String path, String text) {
        if (text == null) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw document.error(path, "expected a percentage, not '" + text + "'");
        }
        if (value < 0 || value > 100) {
            throw document.error(path, "a percentage lies between 0 and 100, not " + text);
        }
        return value;
    }

    private Duration duration(String path, String text) {
        return Durations.parse(text).orElseThrow(() -> document.error(path, "expected a duration such as 30s, 15m, 1h, 90d or P1Y, not '"
                + text + "'"));
    }

    private Classification classification(String path, String text) {
        try {
            return Strictness.classification(text);
        } catch (IllegalArgumentException e) {
            throw document.error(path, e.getMessage());
        }
    }

    private ProductStatus status(String path, String text) {
        try {
            return ProductStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw document.error(path, "'" + text + "' is not one of " + java.util.Arrays.toString(ProductStatus.values())
                    .toLowerCase(Locale.ROOT));
        }
    }
}
