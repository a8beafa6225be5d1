package io.meshwarden.schemas;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sample events for tests across the modules: a compliant contract and its variations. */
public final class Samples {
    public static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    private Samples() {
    }

    /** A compliant paid-media contract. */
    public static DataProductContract contract(String productId) {
        String domain = productId.substring(0, productId.indexOf('.'));
        return DataProductContract.newBuilder()
                .setId(productId)
                .setDomain(domain)
                .setName(productId.substring(productId.indexOf('.') + 1))
                .setVersion("1.0.0")
                .setStatus(ProductStatus.ACTIVE)
                .setOwner(Ownership.newBuilder().setTeam(domain + "-team").setSteward("steward@" + domain + ".example").build())
                .setDescription("Daily performance of every campaign")
                .setDocumentationUrl("https://docs.example/" + productId)
                .setClassification(Classification.CONFIDENTIAL)
                .setOutputPorts(List.of(OutputPort.newBuilder().setName("stream").setTopic(productId + ".v1").setFormat("avro")
                        .setClassification(null).build()))
                .setProductSchema("{\"type\":\"record\",\"name\":\"CampaignPerformance\",\"fields\":["
                        + "{\"name\":\"campaign_id\",\"type\":\"string\"},{\"name\":\"clicks\",\"type\":\"long\"},"
                        + "{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null}]}")
                .setFields(List.of(
                        field("campaign_id", false, true),
                        field("clicks", false, true),
                        field("email", true, false)))
                .setGuarantees(QualityGuarantees.newBuilder().setCompletenessPercent(99.5).setFreshnessMaxAgeMs(3_600_000L)
                        .setAvailabilityPercent(99.9).setAccuracyTolerancePercent(null).setWindowMs(null).build())
                .setRetentionMs(30L * 24 * 3_600_000L)
                .setUpstreamProducts(List.of())
                .setTags(List.of("marketing"))
                .setSourcePlatform("google-ads")
                .setSunsetDate(null)
                .setSuccessor(null)
                .setProperties(Map.of())
                .build();
    }

    public static FieldSpec field(String name, boolean pii, boolean required) {
        return FieldSpec.newBuilder().setName(name).setDescription("the " + name).setPii(pii).setRequired(required)
                .setClassification(null).build();
    }

    public static ContractChange change(DataProductContract contract) {
        return ContractChange.newBuilder().setChangeId("change-" + contract.getId() + "-" + contract.getVersion())
                .setProductId(contract.getId()).setPublishedBy("test").setPublishedAt(T0).setContract(contract).build();
    }

    public static MetricEvent metric(String productId, long loaded, Long expected, Instant newest) {
        return MetricEvent.newBuilder().setProductId(productId).setPipelineRunId("run-" + newest.toEpochMilli())
                .setSourcePlatform("google-ads").setRecordsLoaded(loaded).setRecordsExpected(expected)
                .setFieldNullCounts(Map.of("email", 3L)).setNewestRecordTime(newest).setEventTime(newest).build();
    }

    public static Violation violation(String productId, String ruleId) {
        return Violation.newBuilder().setViolationId(productId + "/" + ruleId).setProductId(productId)
                .setDomain(productId.substring(0, productId.indexOf('.'))).setCategory(ViolationCategory.NAMING)
                .setRuleId(ruleId).setSeverity(Severity.BLOCKING).setStatus(ViolationStatus.BREACH)
                .setMessage("broken " + ruleId).setDetectedAt(T0).build();
    }
}
