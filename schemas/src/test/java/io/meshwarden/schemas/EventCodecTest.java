package io.meshwarden.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.Violation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCodecTest {
    private final EventCodec<ContractChange> codec = EventCodec.of(ContractChange.class);

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = "CONFLUENT_AVRO", mode = EnumSource.Mode.EXCLUDE) // ConfluentAvroCodecTest
    void roundTripsAContractChangeInEitherFormat(OutputFormat format) {
        ContractChange change = Samples.change(Samples.contract("paid-media.campaign-performance"));

        assertThat(codec.decode(codec.encode(change, format))).isEqualTo(change);
    }

    @Test
    void writesAvroAsSingleObjectEncodingWithTheSchemaFingerprint() {
        byte[] bytes = codec.encode(Samples.change(Samples.contract("email.send-engagement")), OutputFormat.AVRO);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = java.nio.ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(org.apache.avro.SchemaNormalization.parsingFingerprint64(codec.schema()));
    }

    @Test
    void writesJsonWithoutUnionWrappersAndWithIsoTimestamps() throws Exception {
        Violation violation = Samples.violation("content.engagement-metrics", "naming.product-id");

        JsonNode json = new ObjectMapper().readTree(EventCodec.of(Violation.class).encode(violation, OutputFormat.JSON));

        assertThat(json.get("productId").asText()).isEqualTo("content.engagement-metrics");
        assertThat(json.get("severity").asText()).isEqualTo("BLOCKING");
        assertThat(json.get("detectedAt").asText()).isEqualTo("2026-11-25T09:00:00Z");
        assertThat(json.get("policySetId").isNull()).isTrue();
    }

    @Test
    void readsHandWrittenJsonWithDefaultsForAbsentFields() {
        String json = """
                {"productId": "email.send-engagement", "pipelineRunId": "r1", "recordsLoaded": 990,
                 "recordsExpected": 1000, "newestRecordTime": "2026-11-25T08:59:00Z", "eventTime": 1795597200000}
                """;

        MetricEvent metric = EventCodec.of(MetricEvent.class).decode(json.getBytes(StandardCharsets.UTF_8));

        assertThat(metric.getRecordsExpected()).isEqualTo(1000L);
        assertThat(metric.getNewestRecordTime()).isEqualTo(java.time.Instant.parse("2026-11-25T08:59:00Z"));
        assertThat(metric.getFieldNullCounts()).isEmpty();
        assertThat(metric.getSourcePlatform()).isNull();
    }

    @Test
    void namesThePathAtFaultWhenJsonDoesNotFitTheSchema() {
        String json = """
                {"productId": "email.send-engagement", "pipelineRunId": "r1", "recordsLoaded": "lots",
                 "newestRecordTime": 1, "eventTime": 1}
                """;

        assertThatThrownBy(() -> EventCodec.of(MetricEvent.class).decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.SCHEMA_MISMATCH))
                .hasMessageContaining("'recordsLoaded'").hasMessageContaining("expected an integer");
    }

    @Test
    void namesTheMissingFieldInANestedRecord() {
        String json = """
                {"changeId": "c1", "productId": "a.b", "publishedAt": 1,
                 "contract": {"id": "a.b", "domain": "a", "version": "1.0.0", "owner": {}}}
                """;

        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'contract.name': required field is missing");
    }

    @Test
    void rejectsAnUnknownEnumSymbolListingTheKnownOnes() {
        String json = """
                {"changeId": "c1", "productId": "a.b", "publishedAt": 1,
                 "contract": {"id": "a.b", "domain": "a", "name": "b", "version": "1.0.0", "owner": {},
                              "classification": "secret"}}
                """;

        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'contract.classification'").hasMessageContaining("PUBLIC, INTERNAL");
    }

    @Test
    void rejectsBytesThatAreNeitherAvroNorJson() {
        assertThatThrownBy(() -> codec.decode(new byte[] {0x07, 0x11, 0x22}))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE))
                .hasMessageContaining("first byte 0x07");
        assertThatThrownBy(() -> codec.decode(new byte[] {0x00, 0x11, 0x22}))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE))
                .hasMessageContaining("truncated");
    }

    @Test
    void rejectsAnUnknownSchemaFingerprint() {
        byte[] bytes = codec.encode(Samples.change(Samples.contract("social.post-reach")), OutputFormat.AVRO);
        bytes[5] ^= 0x7F;

        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA));
    }

    @Test
    void rejectsATruncatedAvroPayload() {
        byte[] bytes = codec.encode(Samples.change(Samples.contract("social.post-reach")), OutputFormat.AVRO);

        assertThatThrownBy(() -> codec.decode(java.util.Arrays.copyOf(bytes, 20)))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE));
    }

    @Test
    void rejectsMalformedJson() {
        assertThatThrownBy(() -> codec.decode("{\"changeId\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE))
                .hasMessageContaining("malformed JSON");
    }
}
