package io.meshwarden.bench;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Realistic contracts for the benchmarks: a marketing product with many fields and a real Avro schema. */
final class SampleContracts {
    private SampleContracts() {
    }

    static DataProductContract realistic(int fieldCount) {
        List<FieldSpec> fields = IntStream.range(0, fieldCount).mapToObj(i -> FieldSpec.newBuilder()
                .setName("field_" + i).setDescription("measure number " + i + " of the campaign")
                .setPii(i % 10 == 3).setRequired(i % 3 == 0).setClassification(null).build()).toList();
        String schema = IntStream.range(0, fieldCount).mapToObj(i -> "{\"name\":\"field_" + i + "\",\"type\":[\"null\",\"string\"],\"default\":null}")
                .collect(java.util.stream.Collectors.joining(",", "{\"type\":\"record\",\"name\":\"CampaignPerformance\",\"fields\":[", "]}"));
        return DataProductContract.newBuilder()
                .setId("paid-media.campaign-performance").setDomain("paid-media").setName("campaign-performance")
                .setVersion("2.3.1").setStatus(ProductStatus.ACTIVE)
                .setOwner(Ownership.newBuilder().setTeam("paid-media-analytics").setSteward("ana@example.com").build())
                .setDescription("Spend, impressions and clicks per campaign and day, from every ad platform")
                .setDocumentationUrl("https://wiki.example.com/data-products/paid-media.campaign-performance")
                .setClassification(Classification.CONFIDENTIAL)
                .setOutputPorts(List.of(OutputPort.newBuilder().setName("events").setTopic("paid-media.campaign-performance.v2")
                        .setFormat("avro").setClassification(null).build()))
                .setProductSchema(schema).setFields(fields)
                .setGuarantees(QualityGuarantees.newBuilder().setCompletenessPercent(99.5).setFreshnessMaxAgeMs(3_600_000L)
                        .setAvailabilityPercent(99.9).setAccuracyTolerancePercent(0.5).setWindowMs(null).build())
                .setRetentionMs(90L * 86_400_000L).setUpstreamProducts(List.of("paid-media.ad-spend-pacing"))
                .setTags(List.of("paid-media", "daily", "finance")).setSourcePlatform("google-ads")
                .setSunsetDate(null).setSuccessor(null)
                .setProperties(Map.of("ad-platform", "google-ads", "api-rate-limit", "15000/day")).build();
    }

    static ContractChange change(DataProductContract contract) {
        return ContractChange.newBuilder().setChangeId("bench-change").setProductId(contract.getId())
                .setPublishedBy("bench").setPublishedAt(Instant.parse("2026-11-25T09:00:00Z")).setContract(contract).build();
    }
}
