package io.meshwarden.quality.observed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.LocalSchemaRegistry;
import io.meshwarden.quality.rules.FieldValues;
import io.meshwarden.quality.rolling.QualityFixtures;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.EventDecodingException;
import io.meshwarden.schemas.registry.ConfluentFrame;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Records in the Confluent wire format, framed as Confluent's serializers frame them (magic byte 0, a 4-byte
 * big-endian schema id, then Avro binary, JSON text or Protobuf), read against a Confluent-compatible registry's
 * REST API ({@link LocalSchemaRegistry}): Confluent's serializer itself is not served by the package registries
 * reachable here, so the frames are built byte by byte after its public specification.
 */
class ConfluentWireFormatTest {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final String CONTRACT_SCHEMA = "{\"type\":\"record\",\"name\":\"CampaignPerformance\",\"fields\":["
            + "{\"name\":\"campaign_id\",\"type\":\"string\"},"
            + "{\"name\":\"clicks\",\"type\":[\"null\",\"long\"],\"default\":null}]}";
    /** What the producer registered: the contract's fields and one more, in another order. */
    private static final String WRITER_SCHEMA = "{\"type\":\"record\",\"name\":\"CampaignPerformance\",\"fields\":["
            + "{\"name\":\"clicks\",\"type\":[\"null\",\"long\"],\"default\":null},"
            + "{\"name\":\"network\",\"type\":\"string\"},"
            + "{\"name\":\"campaign_id\",\"type\":\"string\"}]}";
    private static final String WITHOUT_CAMPAIGN = "{\"type\":\"record\",\"name\":\"CampaignPerformance\",\"fields\":["
            + "{\"name\":\"clicks\",\"type\":[\"null\",\"long\"],\"default\":null}]}";

    private final LocalSchemaRegistry registry = LocalSchemaRegistry.start();
    private final DataProductContract contract = DataProductContract.newBuilder(QualityFixtures.contract(PRODUCT, 5_000, 99.5, 60_000))
            .setProductSchema(CONTRACT_SCHEMA).build();

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void avroWrittenWithTheRegisteredSchemaIsReadAsTheContractsSchema() throws IOException {
        int id = registry.register(PRODUCT + ".v1-value", "AVRO", WRITER_SCHEMA);
        GenericRecord record = new GenericData.Record(new Schema.Parser().parse(WRITER_SCHEMA));
        record.put("clicks", null);
        record.put("network", "search");
        record.put("campaign_id", "c-1");

        FieldValues values = decode(frame(id, avro(record)));

        assertThat(values.text("campaign_id")).isEqualTo("c-1");
        assertThat(values.text("clicks")).isNull();
        assertThat(ProductRecordDecoder.nullRequiredFields(contract, values)).doesNotContain("campaign_id");
    }

    @Test
    void schemasAreFetchedOncePerId() throws IOException {
        int id = registry.register(PRODUCT + ".v1-value", "AVRO", CONTRACT_SCHEMA);
        GenericRecord record = new GenericData.Record(new Schema.Parser().parse(CONTRACT_SCHEMA));
        record.put("campaign_id", "c-1");
        SchemaRegistryClient client = client(Map.of());
        for (int i = 0; i < 5; i++) {
            ProductRecordDecoder.decode(contract, frame(id, avro(record)), Optional.of(client));
        }
        assertThat(registry.requests()).isEqualTo(1);
    }

    @Test
    void aRegisteredSchemaTheContractCannotReadIsASchemaMismatch() throws IOException {
        int id = registry.register(PRODUCT + ".v1-value", "AVRO", WITHOUT_CAMPAIGN);
        GenericRecord record = new GenericData.Record(new Schema.Parser().parse(WITHOUT_CAMPAIGN));
        record.put("clicks", 3L);

        assertRefused(frame(id, avro(record)), DeadLetterReason.SCHEMA_MISMATCH, "schema id " + id);
    }

    @Test
    void jsonSchemaFramedJsonIsReadAsJson() {
        int id = registry.register(PRODUCT + ".v1-value", "JSON", "{\"type\":\"object\"}");

        FieldValues values = decode(frame(id, "{\"campaign_id\": \"c-9\", \"clicks\": 4}".getBytes(StandardCharsets.UTF_8)));

        assertThat(values.text("clicks")).isEqualTo("4");
    }

    @Test
    void protobufIsRecognisedAndNotDecoded() {
        int id = registry.register(PRODUCT + ".v1-value", "PROTOBUF", "syntax = \"proto3\"; message M { string campaign_id = 1; }");

        assertRefused(frame(id, new byte[] {0, 0x0A, 0x03, 'c', '-', '1'}), DeadLetterReason.UNSUPPORTED_ENCODING, "Protobuf");
    }

    @Test
    void anIdTheRegistryDoesNotKnowATruncatedFrameAndNoRegistryAreEachNamed() {
        assertRefused(frame(4711, new byte[] {2}), DeadLetterReason.UNKNOWN_SCHEMA_ID, "schema id 4711");
        assertRefused(new byte[] {0, 0, 1}, DeadLetterReason.UNDECODABLE, "truncated");
        assertThatThrownBy(() -> ProductRecordDecoder.decode(contract, frame(1, new byte[] {2}), Optional.empty()))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE);
                    assertThat(e.getMessage()).contains(Settings.SCHEMA_REGISTRY_URL.key());
                });
    }

    @Test
    void aRegistryThatIsDownDeadLettersWithItsReasonAndIsNotAskedAgainAtOnce() {
        SchemaRegistryClient client = client(Map.of(Settings.SCHEMA_REGISTRY_TIMEOUT_MS.key(), "60000"));
        registry.close();

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> ProductRecordDecoder.decode(contract, frame(1, new byte[] {2}), Optional.of(client)))
                    .isInstanceOfSatisfying(EventDecodingException.class,
                            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.SCHEMA_REGISTRY_UNAVAILABLE));
        }
        assertThat(registry.requests()).isZero();
    }

    @Test
    void basicAndBearerAuthenticationAreSentAndARefusalIsNamed() {
        try (LocalSchemaRegistry secured = LocalSchemaRegistry.start(Optional.of("Basic "
                + Base64.getEncoder().encodeToString("mesh:s3cret".getBytes(StandardCharsets.UTF_8))))) {
            int id = secured.register("s-value", "JSON", "{}");
            SchemaRegistryClient right = SchemaRegistryClient.from(config(secured, Map.of(Settings.SCHEMA_REGISTRY_BASIC_AUTH.key(),
                    "mesh:s3cret"))).orElseThrow();
            assertThat(right.byId(id).schema()).isEqualTo("{}");
            SchemaRegistryClient bearer = SchemaRegistryClient.from(config(secured, Map.of(Settings.SCHEMA_REGISTRY_BEARER_TOKEN.key(),
                    "t0ken"))).orElseThrow();
            assertThatThrownBy(() -> ProductRecordDecoder.decode(contract, frame(id, "{}".getBytes(StandardCharsets.UTF_8)),
                    Optional.of(bearer))).isInstanceOfSatisfying(EventDecodingException.class, e -> {
                        assertThat(e.reason()).isEqualTo(DeadLetterReason.SCHEMA_REGISTRY_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("refused the credentials (HTTP 401)");
                    });
            assertThat(secured.authorizations()).endsWith("Bearer t0ken");
        }
    }

    @Test
    void theSubjectsLatestVersionIsRead() {
        registry.register("orders-value", "AVRO", WITHOUT_CAMPAIGN);
        int second = registry.register("orders-value", "AVRO", CONTRACT_SCHEMA);

        var latest = client(Map.of()).latest("orders-value");

        assertThat(latest.id()).isEqualTo(second);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.schema()).isEqualTo(CONTRACT_SCHEMA);
    }

    @Test
    void aConfigurationWithBothAuthenticationsOrABadUrlIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> SchemaRegistryClient.from(config(registry, Map.of(Settings.SCHEMA_REGISTRY_BASIC_AUTH.key(), "a:b",
                Settings.SCHEMA_REGISTRY_BEARER_TOKEN.key(), "t")))).hasMessageContaining(Settings.SCHEMA_REGISTRY_BEARER_TOKEN.key());
        assertThatThrownBy(() -> SchemaRegistryClient.from(MeshwardenConfig.defaults(Map.of(Settings.SCHEMA_REGISTRY_URL.key(),
                "ftp://registry")))).hasMessageContaining(Settings.SCHEMA_REGISTRY_URL.key());
    }

    private FieldValues decode(byte[] value) {
        return ProductRecordDecoder.decode(contract, value, Optional.of(client(Map.of())));
    }

    private void assertRefused(byte[] value, DeadLetterReason reason, String message) {
        assertThatThrownBy(() -> decode(value)).isInstanceOfSatisfying(EventDecodingException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(message);
        });
    }

    private SchemaRegistryClient client(Map<String, String> settings) {
        return SchemaRegistryClient.from(config(registry, settings)).orElseThrow();
    }

    private static MeshwardenConfig config(LocalSchemaRegistry registry, Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put(Settings.SCHEMA_REGISTRY_URL.key(), registry.url().toString());
        return MeshwardenConfig.defaults(all);
    }

    /** Confluent's framing, checked against the reading side's. */
    private static byte[] frame(int schemaId, byte[] payload) {
        byte[] framed = ObservedRecords.confluentFrame(schemaId, payload);
        assertThat(ConfluentFrame.of(framed).orElseThrow().schemaId()).isEqualTo(schemaId);
        return framed;
    }

    private static byte[] avro(GenericRecord record) {
        return ObservedRecords.avroBinary(record);
    }
}
