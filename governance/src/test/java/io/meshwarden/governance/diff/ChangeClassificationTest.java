package io.meshwarden.governance.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.QualityUnit;
import io.meshwarden.governance.diff.Change.Part;
import io.meshwarden.schemas.Samples;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of change {@link ContractDiff} knows, each made alone on the sample contract, is
 * found once, with its impact and the element it concerns; {@link #everyKindIsCovered} keeps this
 * list complete when a kind is added.
 */
class ChangeClassificationTest {
    private static final DataProductContract V1 = withRules(Samples.contract("paid-media.campaign-performance"),
            List.of(rule("$.qualityRules[0]", "email", "nullValues", "mustBeLessThan", 1.0, null, List.of()),
                    rule("$.qualityRules[1]", "status", "invalidValues", "mustBe", 0.0, null, List.of("on", "off")),
                    rule("$.qualityRules[2]", null, "rowCount", "mustBeBetween", 10.0, 100.0, List.of())));
    private static final Set<ChangeKind> SEEN = EnumSet.noneOf(ChangeKind.class);

    static DataProductContract v1() {
        return V1;
    }

    static Stream<Arguments> oneChangeEach() {
        String schema = V1.getProductSchema();
        return Stream.of(
                of(Impact.BREAKING, ChangeKind.SCHEMA_REMOVED, Part.SCHEMA, null, b -> b.setProductSchema(null)),
                of(Impact.BREAKING, ChangeKind.SCHEMA_INCOMPATIBLE, Part.FIELD, "clicks",
                        b -> b.setProductSchema(schema.replace("\"clicks\",\"type\":\"long\"", "\"clicks\",\"type\":\"int\""))),
                of(Impact.BREAKING, ChangeKind.FIELD_REMOVED, Part.FIELD, "campaign_id", b -> b.setFields(fields(V1, "campaign_id", null))),
                of(Impact.BREAKING, ChangeKind.FIELD_NO_LONGER_REQUIRED, Part.FIELD, "clicks",
                        b -> b.setFields(fields(V1, "clicks", Samples.field("clicks", false, false)))),
                of(Impact.BREAKING, ChangeKind.FIELD_CLASSIFICATION_LOWERED, Part.FIELD, "email", b -> b.setFields(fields(V1, "email",
                        FieldSpec.newBuilder(Samples.field("email", true, false)).setClassification(Classification.PUBLIC).build()))),
                of(Impact.BREAKING, ChangeKind.PORT_REMOVED, Part.PORT, "stream", b -> b.setOutputPorts(List.of())),
                of(Impact.BREAKING, ChangeKind.PORT_MOVED, Part.PORT, "stream", b -> b.setOutputPorts(List.of(port("stream", "paid-media.campaign-performance.v2", null)))),
                of(Impact.BREAKING, ChangeKind.PORT_CLASSIFICATION_LOWERED, Part.PORT, "stream",
                        b -> b.setOutputPorts(List.of(port("stream", "paid-media.campaign-performance.v1", Classification.INTERNAL)))),
                of(Impact.BREAKING, ChangeKind.GUARANTEE_WEAKENED, Part.GUARANTEE, "availability", b -> b.setGuarantees(guarantees(g -> g.setAvailabilityPercent(99.0)))),
                of(Impact.BREAKING, ChangeKind.RETENTION_SHORTENED, Part.RETENTION, null, b -> b.setRetentionMs(24 * 3_600_000L)),
                of(Impact.BREAKING, ChangeKind.CLASSIFICATION_LOWERED, Part.CLASSIFICATION, null, b -> b.setClassification(Classification.INTERNAL)),
                of(Impact.BREAKING, ChangeKind.QUALITY_RULE_REMOVED, Part.QUALITY_RULE, "$.qualityRules[0]",
                        b -> b.setQualityRules(V1.getQualityRules().subList(1, 3))),
                of(Impact.BREAKING, ChangeKind.QUALITY_RULE_WEAKENED, Part.QUALITY_RULE, "$.qualityRules[0]",
                        b -> b.setQualityRules(replaceRule(0, r -> r.setThreshold(5.0)))),

                of(Impact.COMPATIBLE, ChangeKind.SCHEMA_ADDED, Part.SCHEMA, null, null), // from a contract without a schema, below
                of(Impact.COMPATIBLE, ChangeKind.SCHEMA_EXTENDED, Part.SCHEMA, null, b -> b.setProductSchema(
                        schema.replace("]}", ",{\"name\":\"cost\",\"type\":[\"null\",\"double\"],\"default\":null}]}"))),
                of(Impact.COMPATIBLE, ChangeKind.FIELD_ADDED, Part.FIELD, "cost", b -> b.setFields(fields(V1, "cost", Samples.field("cost", false, false)))),
                of(Impact.COMPATIBLE, ChangeKind.OPTIONAL_FIELD_REMOVED, Part.FIELD, "email", b -> b.setFields(fields(V1, "email", null))),
                of(Impact.COMPATIBLE, ChangeKind.FIELD_NOW_REQUIRED, Part.FIELD, "email", b -> b.setFields(fields(V1, "email", Samples.field("email", true, true)))),
                of(Impact.COMPATIBLE, ChangeKind.FIELD_CLASSIFICATION_RAISED, Part.FIELD, "email", b -> b.setFields(fields(V1, "email",
                        FieldSpec.newBuilder(Samples.field("email", true, false)).setClassification(Classification.RESTRICTED).build()))),
                of(Impact.COMPATIBLE, ChangeKind.PORT_ADDED, Part.PORT, "replay", b -> b.setOutputPorts(List.of(V1.getOutputPorts().get(0),
                        port("replay", "paid-media.campaign-performance.replay.v1", null)))),
                of(Impact.COMPATIBLE, ChangeKind.PORT_CLASSIFICATION_RAISED, Part.PORT, "stream",
                        b -> b.setOutputPorts(List.of(port("stream", "paid-media.campaign-performance.v1", Classification.RESTRICTED)))),
                of(Impact.COMPATIBLE, ChangeKind.GUARANTEE_ADDED, Part.GUARANTEE, "timeToDetect", b -> b.setGuarantees(guarantees(g -> g.setTimeToDetectMs(60_000L)))),
                of(Impact.COMPATIBLE, ChangeKind.GUARANTEE_STRENGTHENED, Part.GUARANTEE, "freshness", b -> b.setGuarantees(guarantees(g -> g.setFreshnessMaxAgeMs(600_000L)))),
                of(Impact.COMPATIBLE, ChangeKind.GUARANTEE_CHANGED, Part.GUARANTEE, "window", b -> b.setGuarantees(guarantees(g -> g.setWindowMs(600_000L)))),
                of(Impact.COMPATIBLE, ChangeKind.RETENTION_LENGTHENED, Part.RETENTION, null, b -> b.setRetentionMs(90 * 24 * 3_600_000L)),
                of(Impact.COMPATIBLE, ChangeKind.CLASSIFICATION_RAISED, Part.CLASSIFICATION, null, b -> b.setClassification(Classification.RESTRICTED)),
                of(Impact.COMPATIBLE, ChangeKind.QUALITY_RULE_ADDED, Part.QUALITY_RULE, "$.qualityRules[3]", b -> b.setQualityRules(append(
                        rule("$.qualityRules[3]", "clicks", "nullValues", "mustBe", 0.0, null, List.of())))),
                of(Impact.COMPATIBLE, ChangeKind.QUALITY_RULE_TIGHTENED, Part.QUALITY_RULE, "$.qualityRules[2]",
                        b -> b.setQualityRules(replaceRule(2, r -> r.setThreshold(20.0).setThresholdHigh(90.0)))),
                of(Impact.COMPATIBLE, ChangeKind.STATUS_CHANGED, Part.STATUS, null, b -> b.setStatus(ProductStatus.DEPRECATED)),

                of(Impact.PATCH, ChangeKind.SCHEMA_DOCUMENTATION_CHANGED, Part.SCHEMA, null,
                        b -> b.setProductSchema(schema.replace("\"name\":\"CampaignPerformance\",", "\"name\":\"CampaignPerformance\",\"doc\":\"per day\","))),
                of(Impact.PATCH, ChangeKind.FIELD_DOCUMENTATION_CHANGED, Part.FIELD, "clicks", b -> b.setFields(fields(V1, "clicks",
                        FieldSpec.newBuilder(Samples.field("clicks", false, true)).setDescription("clicks on the ad").build()))),
                of(Impact.PATCH, ChangeKind.QUALITY_RULE_DOCUMENTATION_CHANGED, Part.QUALITY_RULE, "$.qualityRules[1]",
                        b -> b.setQualityRules(replaceRule(1, r -> r.setDescription("only on and off")))),
                of(Impact.PATCH, ChangeKind.METADATA_CHANGED, Part.METADATA, "description", b -> b.setDescription("new words")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("oneChangeEach")
    void findsEachKindOfChangeAloneWithItsImpactAndElement(Impact impact, ChangeKind kind, Part part, String name,
                                                            UnaryOperator<DataProductContract.Builder> edit) {
        DataProductContract before = edit == null ? DataProductContract.newBuilder(V1).setProductSchema(null).build() : V1;
        DataProductContract after = edit == null ? V1 : edit.apply(DataProductContract.newBuilder(V1)).build();

        List<Change> changes = ContractDiff.changes(before, after);

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(kind);
            assertThat(change.impact()).isEqualTo(impact);
            assertThat(change.element()).isEqualTo(new Change.Element(part, name));
            assertThat(change.reason()).isNotBlank();
        });
        assertThat(ContractDiff.breakingChanges(before, after)).hasSize(impact == Impact.BREAKING ? 1 : 0);
        SEEN.add(kind);
    }

    @AfterAll
    static void everyKindIsCovered() {
        assertThat(SEEN).containsExactlyInAnyOrder(ChangeKind.values());
    }

    private static Arguments of(Impact impact, ChangeKind kind, Part part, String name,
                                UnaryOperator<DataProductContract.Builder> edit) {
        return Arguments.of(impact, kind, part, name, edit);
    }

    private static DataProductContract withRules(DataProductContract contract, List<QualityRule> rules) {
        return DataProductContract.newBuilder(contract).setQualityRules(rules).build();
    }

    static QualityRule rule(String path, String field, String metric, String operator, Double threshold, Double high,
                            List<String> values) {
        return QualityRule.newBuilder().setPath(path).setField(field).setMetric(metric).setOperator(operator)
                .setThreshold(threshold).setThresholdHigh(high).setUnit(QualityUnit.ROWS).setValues(values).build();
    }

    private static List<QualityRule> replaceRule(int index, UnaryOperator<QualityRule.Builder> edit) {
        List<QualityRule> rules = new ArrayList<>(V1.getQualityRules());
        rules.set(index, edit.apply(QualityRule.newBuilder(rules.get(index))).build());
        return rules;
    }

    private static List<QualityRule> append(QualityRule rule) {
        List<QualityRule> rules = new ArrayList<>(V1.getQualityRules());
        rules.add(rule);
        return rules;
    }

    /** The contract's fields with {@code name} replaced by {@code field}, removed when null, appended when new. */
    private static List<FieldSpec> fields(DataProductContract contract, String name, FieldSpec field) {
        List<FieldSpec> fields = new ArrayList<>();
        boolean replaced = false;
        for (FieldSpec existing : contract.getFields()) {
            if (existing.getName().equals(name)) {
                replaced = true;
                if (field != null) {
                    fields.add(field);
                }
            } else {
                fields.add(existing);
            }
        }
        if (!replaced && field != null) {
            fields.add(field);
        }
        return fields;
    }

    private static OutputPort port(String name, String topic, Classification classification) {
        return OutputPort.newBuilder().setName(name).setTopic(topic).setFormat("avro").setClassification(classification).build();
    }

    private static QualityGuarantees guarantees(UnaryOperator<QualityGuarantees.Builder> edit) {
        return edit.apply(QualityGuarantees.newBuilder(V1.getGuarantees())).build();
    }

}
