package io.meshwarden.bench.fault;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the harness publishes, as JSON text lines for kcat: version {@code 1.<k>.0} of a compliant
 * contract (every version accepted, each one a minor bump of the last) with a short freshness
 * limit, so that products go stale and recover as their metrics stop and resume; the metric events
 * that feed them; and poison records that no decoder accepts.
 */
final class FaultContracts {
    static final String DOMAIN = "paid-media";
    /** Short enough that every silent phase of a product's metrics is one freshness episode. */
    static final long FRESHNESS_MAX_AGE_MS = 3_000;

    private FaultContracts() {
    }

    static String productId(int product) {
        return DOMAIN + ".fault-" + product;
    }

    static String changeId(int product, int version) {
        return "fault-change-" + product + "-" + version;
    }

    static String change(int product, int version, Instant at) {
        String id = productId(product);
        DataProductContract contract = DataProductContract.newBuilder()
                .setId(id).setDomain(DOMAIN).setName("fault-" + product).setVersion("1." + version + ".0")
                .setStatus(ProductStatus.ACTIVE)
                .setOwner(Ownership.newBuilder().setTeam(DOMAIN + "-team").setSteward("steward@" + DOMAIN + ".example").build())
                .setDescription("Daily performance of every campaign").setDocumentationUrl("https://docs.example/" + id)
                .setClassification(Classification.CONFIDENTIAL)
                .setOutputPorts(List.of(OutputPort.newBuilder().setName("stream").setTopic(id + ".v1").setFormat("avro")
                        .setClassification(null).build()))
                .setProductSchema("{\"type\":\"record\",\"name\":\"CampaignPerformance\",\"fields\":["
                        + "{\"name\":\"campaign_id\",\"type\":\"string\"},{\"name\":\"clicks\",\"type\":\"long\"}]}")
                .setFields(List.of(field("campaign_id"), field("clicks")))
                .setGuarantees(QualityGuarantees.newBuilder().setCompletenessPercent(99.5).setFreshnessMaxAgeMs(FRESHNESS_MAX_AGE_MS)
                        .setAvailabilityPercent(null).setAccuracyTolerancePercent(null).setWindowMs(3_600_000L).build())
                .setRetentionMs(30L * 24 * 3_600_000L).setUpstreamProducts(List.of()).setTags(List.of("marketing"))
                .setSourcePlatform("google-ads").setSunsetDate(null).setSuccessor(null).setProperties(Map.of()).build();
        ContractChange change = ContractChange.newBuilder().setChangeId(changeId(product, version)).setProductId(id)
                .setPublishedBy("fault-harness").setPublishedAt(at).setContract(contract).build();
        return json(EventCodec.of(ContractChange.class).encode(change, OutputFormat.JSON));
    }

    static String metric(int product, Instant at) {
        MetricEvent metric = MetricEvent.newBuilder().setProductId(productId(product)).setPipelineRunId("run-" + product + "-"
                        + at.toEpochMilli()).setSourcePlatform("google-ads").setRecordsLoaded(1_000).setRecordsExpected(1_000L)
                .setFieldNullCounts(Map.of()).setNewestRecordTime(at).setEventTime(at).build();
        return json(EventCodec.of(MetricEvent.class).encode(metric, OutputFormat.JSON));
    }

    /** Poison number {@code n}: alternately text that is no JSON and JSON that is no contract change. */
    static String poison(int n) {
        return n % 2 == 0 ? "poison " + n + " is no contract change" : "{\"poison\": " + n + ", \"contract\": \"none\"}";
    }

    /** The dead-letter reason poison number {@code n} must carry. */
    static DeadLetterReason poisonReason(int n) {
        return n % 2 == 0 ? DeadLetterReason.UNDECODABLE : DeadLetterReason.SCHEMA_MISMATCH;
    }

    private static FieldSpec field(String name) {
        return FieldSpec.newBuilder().setName(name).setDescription("the " + name).setPii(false).setRequired(true)
                .setClassification(null).build();
    }

    private static String json(byte[] encoded) {
        return new String(encoded, StandardCharsets.UTF_8);
    }
}
