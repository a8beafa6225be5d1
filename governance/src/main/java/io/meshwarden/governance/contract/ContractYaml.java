package io.meshwarden.governance.contract;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.governance.policy.Strictness;
import io.meshwarden.governance.yaml.YamlFileException;
import io.meshwarden.governance.yaml.YamlNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a data product contract written in Meshwarden's YAML format (docs/contracts.md). Every
 * error names the file, the line and the path in the document. When the fields declare Avro
 * types and no explicit {@code schema} is given, the product schema is generated from them.
 */
public final class ContractYaml {
    private static final Set<String> KEYS = Set.of("id", "domain", "name", "version", "status", "owner", "description",
            "documentation", "classification", "outputPorts", "schema", "fields", "guarantees", "retention", "upstream",
            "tags", "sourcePlatform", "sunsetDate", "successor", "properties");

    private ContractYaml() {
    }

    public static DataProductContract read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new YamlFileException(file.toString(), 1, "cannot read: " + e.getMessage());
        }
    }

    public static DataProductContract parse(String file, String text) {
        YamlNode root = YamlNode.parse(file, text);
        root.allowOnly(KEYS);
        YamlNode owner = root.require("owner");
        owner.allowOnly(Set.of("team", "steward"));
        String id = root.requireText("id");
        List<YamlNode> fieldNodes = root.get("fields").map(YamlNode::items).orElse(List.of());
        return DataProductContract.newBuilder()
                .setId(id)
                .setDomain(root.text("domain").orElse(id.contains(".") ? id.substring(0, id.indexOf('.')) : ""))
                .setName(root.text("name").orElse(id.substring(id.indexOf('.') + 1)))
                .setVersion(root.requireText("version"))
                .setStatus(root.get("status").map(n -> enumValue(n, ProductStatus.class)).orElse(ProductStatus.DRAFT))
                .setOwner(Ownership.newBuilder().setTeam(owner.text("team").orElse(null))
                        .setSteward(owner.text("steward").orElse(null)).build())
                .setDescription(root.text("description").orElse(null))
                .setDocumentationUrl(root.text("documentation").orElse(null))
                .setClassification(root.get("classification").map(ContractYaml::classification).orElse(Classification.INTERNAL))
                .setOutputPorts(root.get("outputPorts").map(YamlNode::items).orElse(List.of()).stream().map(ContractYaml::port).toList())
                .setProductSchema(root.text("schema").orElseGet(() -> AvroSchemaOfFields.generate(root.text("name")
                        .orElse(id), fieldNodes)))
                .setFields(fieldNodes.stream().map(ContractYaml::field).toList())
                .setGuarantees(root.get("guarantees").map(ContractYaml::guarantees).orElse(null))
                .setRetentionMs(root.get("retention").map(n -> duration(n).toMillis()).orElse(null))
                .setUpstreamProducts(texts(root.get("upstream")))
                .setTags(texts(root.get("tags")))
                .setSourcePlatform(root.text("sourcePlatform").orElse(null))
                .setSunsetDate(root.text("sunsetDate").orElse(null))
                .setSuccessor(root.text("successor").orElse(null))
                .setProperties(properties(root))
                .build();
    }

    private static OutputPort port(YamlNode node) {
        node.allowOnly(Set.of("name", "topic", "format", "classification"));
        return OutputPort.newBuilder().setName(node.requireText("name")).setTopic(node.requireText("topic"))
                .setFormat(node.text("format").orElse("avro"))
                .setClassification(node.get("classification").map(ContractYaml::classification).orElse(null)).build();
    }

    private static FieldSpec field(YamlNode node) {
        node.allowOnly(Set.of("name", "type", "description", "pii", "required", "classification"));
        return FieldSpec.newBuilder().setName(node.requireText("name"))
                .setDescription(node.text("description").orElse(null))
                .setPii(flag(node, "pii")).setRequired(flag(node, "required"))
                .setClassification(node.get("classification").map(ContractYaml::classification).orElse(null)).build();
    }

    private static QualityGuarantees guarantees(YamlNode node) {
        node.allowOnly(Set.of("completenessPercent", "freshness", "availabilityPercent", "accuracyTolerancePercent", "window"));
        return QualityGuarantees.newBuilder()
                .setCompletenessPercent(node.get("completenessPercent").map(ContractYaml::percent).orElse(null))
                .setFreshnessMaxAgeMs(node.get("freshness").map(n -> duration(n).toMillis()).orElse(null))
                .setAvailabilityPercent(node.get("availabilityPercent").map(ContractYaml::percent).orElse(null))
                .setAccuracyTolerancePercent(node.get("accuracyTolerancePercent").map(ContractYaml::percent).orElse(null))
                .setWindowMs(node.get("window").map(n -> duration(n).toMillis()).orElse(null))
                .build();
    }

    private static Map<String, String> properties(YamlNode root) {
        Map<String, String> properties = new LinkedHashMap<>();
        root.get("properties").ifPresent(node -> node.entries().forEach((key, value) -> properties.put(key, value.text())));
        return properties;
    }

    private static List<String> texts(java.util.Optional<YamlNode> node) {
        return node.map(YamlNode::items).orElse(List.of()).stream().map(YamlNode::text).toList();
    }

    private static boolean flag(YamlNode node, String key) {
        return node.get(key).map(value -> switch (value.text()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw value.error("expected true or false, not '" + value.text() + "'");
        }).orElse(false);
    }

    private static double percent(YamlNode node) {
        try {
            double value = Double.parseDouble(node.text());
            if (value < 0 || value > 100) {
                throw node.error("a percentage lies between 0 and 100, not " + node.text());
            }
            return value;
        } catch (NumberFormatException e) {
            throw node.error("expected a percentage, not '" + node.text() + "'");
        }
    }

    private static Duration duration(YamlNode node) {
        return Durations.parse(node.text()).orElseThrow(() -> node.error("expected a duration such as 30s, 15m, 1h or 90d, not '"
                + node.text() + "'"));
    }

    private static Classification classification(YamlNode node) {
        try {
            return Strictness.classification(node.text());
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumValue(YamlNode node, Class<E> type) {
        try {
            return Enum.valueOf(type, node.text().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw node.error("'" + node.text() + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants())
                    .toLowerCase(Locale.ROOT));
        }
    }
}
