package io.meshwarden.bench.quality;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.bench.CheckedProducer;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.QualityUnit;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The observed-mode harnesses' data: {@code products} products, each with its own output topic
 * ({@code <prefix>observed-N.v1}) pre-loaded with records ({@link Encoding}: JSON unless said) over ten minutes of event time, a
 * few of them null, missing, invalid or duplicated, as real data is. Contracts are written straight
 * to a run's catalog topic, and each output topic's owner straight to its observed-ports topic, so
 * the global ports table is complete before the first record is read (what the quality processor
 * itself would have written from the catalog). With rules, each contract carries one rule of every
 * ODCS metric family the stream evaluates (seven in all, one sql rule besides, not evaluated).
 */
final class ObservedWorkload {
    static final String OUTPUT_PREFIX = "bench-out.";
    static final Duration EVENT_SPAN = Duration.ofMinutes(10);
    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"CampaignPerformance\",\"fields\":["
            + "{\"name\":\"campaign_id\",\"type\":\"string\"},"
            + "{\"name\":\"channel\",\"type\":[\"null\",\"string\"],\"default\":null},"
            + "{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null},"
            + "{\"name\":\"clicks\",\"type\":[\"null\",\"long\"],\"default\":null}]}";
    /** In every record, unchecked but by the pathological pattern: forty a's and a b, exponential for a backtracking engine. */
    private static final String NOTE = "a".repeat(40) + "b";
    private static final String[] CHANNELS = {"search", "social", "display", "N/A", "tv"};

    private static final Schema AVRO_SCHEMA = new Schema.Parser().parse(SCHEMA);

    /**
     * How the records are written: JSON (with a field the contract does not name), Avro single-object encoding of the
     * contract's schema, or Avro binary of the contract's schema in the Confluent wire format (magic byte 0, the
     * schema id big-endian, the payload), built after its public specification.
     */
    enum Encoding { JSON, AVRO, CONFLUENT_AVRO }

    private final int products;
    private final String prefix;
    private final Encoding encoding;
    private final int schemaId;

    ObservedWorkload(int products) {
        this(products, OUTPUT_PREFIX, Encoding.JSON, 0);
    }

    /** @param schemaId the registry's id of the contract's schema, for {@link Encoding#CONFLUENT_AVRO} */
    ObservedWorkload(int products, String prefix, Encoding encoding, int schemaId) {
        this.products = products;
        this.prefix = prefix;
        this.encoding = encoding;
        this.schemaId = schemaId;
    }

    /** The product's schema, as its contract carries it. */
    static String schema() {
        return SCHEMA;
    }

    static String productId(int index) {
        return "bench-domain.observed-" + index;
    }

    String prefix() {
        return prefix;
    }

    int products() {
        return products;
    }

    Encoding encoding() {
        return encoding;
    }

    String outputTopic(int index) {
        return prefix + "observed-" + index + ".v1";
    }

    /**
     * Registers every product in this run's catalog and ports topics, with or without quality rules,
     * timestamped before the records (a task reads its partitions in timestamp order, so each
     * product's contract comes before its first record, however long after the load the run starts).
     */
    void register(MeshwardenConfig config, Rules withRules, long registeredAt) {
        EventCodec<DataProductContract> codec = EventCodec.of(DataProductContract.class);
        try (CheckedProducer producer = CheckedProducer.forNewTopics(config, "observed-harness")) {
            for (int i = 0; i < products; i++) {
                DataProductContract contract = contract(i, withRules);
                byte[] value = codec.encode(contract, OutputFormat.AVRO);
                producer.send(new ProducerRecord<>(config.topics().name(Topics.CATALOG), null, registeredAt,
                        bytes(contract.getId()), value));
                producer.send(new ProducerRecord<>(config.topics().name(Topics.OBSERVED_PORTS), null, registeredAt,
                        bytes(outputTopic(i)), value));
            }
        }
    }

    /** Loads {@code count} records spread over the products' output topics and ten minutes of event time from {@code start}. */
    void loadRecords(MeshwardenConfig config, int count, long start) {
        try (CheckedProducer producer = CheckedProducer.of(config, "observed-harness")) {
            for (int i = 0; i < count; i++) {
                long at = start + EVENT_SPAN.toMillis() * i / count;
                int product = i % products;
                int n = i / products;
                producer.send(new ProducerRecord<>(outputTopic(product), null, at, bytes("k-" + n), value(n)));
            }
        }
    }

    /** Record {@code n} of a product, in this workload's encoding. */
    private byte[] value(int n) {
        String campaign = "c-" + (n % 997 == 0 ? n - 1 : n);
        String channel = CHANNELS[n % 97 == 0 ? 3 + n % 2 : n % 3];
        String email = n % 50 == 0 ? null : "user" + n + "@example.com";
        if (encoding == Encoding.JSON) {
            return bytes(String.format(Locale.ROOT, "{\"campaign_id\": \"%s\", \"channel\": \"%s\", \"email\": %s, \"clicks\": %d,"
                    + " \"note\": \"%s\"}", campaign, channel, email == null ? "null" : "\"" + email + "\"", n % 13, NOTE));
        }
        GenericRecord record = new GenericData.Record(AVRO_SCHEMA);
        record.put("campaign_id", campaign);
        record.put("channel", channel);
        record.put("email", email);
        record.put("clicks", (long) (n % 13));
        try {
            if (encoding == Encoding.AVRO) {
                return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), AVRO_SCHEMA).encode(record).array();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(AVRO_SCHEMA).write(record, encoder);
            encoder.flush();
            byte[] payload = out.toByteArray();
            return ByteBuffer.allocate(5 + payload.length).put((byte) 0).putInt(schemaId).put(payload).array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DataProductContract contract(int index, Rules withRules) {
        String id = productId(index);
        return DataProductContract.newBuilder().setId(id).setDomain("bench-domain").setName(id.substring(id.indexOf('.') + 1))
                .setVersion("1.0.0").setStatus(ProductStatus.ACTIVE)
                .setOwner(Ownership.newBuilder().setTeam("bench").setSteward("bench@example.com").build())
                .setGuarantees(QualityGuarantees.newBuilder().setCompletenessPercent(99.5).setFreshnessMaxAgeMs(3_600_000L)
                        .setAvailabilityPercent(null).setAccuracyTolerancePercent(null).setWindowMs(3_600_000L).build())
                .setOutputPorts(List.of(OutputPort.newBuilder().setName("stream").setTopic(outputTopic(index)).setFormat(encoding == Encoding.JSON ? "json" : "avro")
                        .setClassification(null).build()))
                .setProductSchema(SCHEMA)
                .setFields(List.of(field("campaign_id", true), field("email", false)))
                .setQualityRules(withRules.rules())
                .build();
    }

    /** What each contract checks: nothing, the seven evaluated ODCS rules, or those and a catastrophic-backtracking pattern. */
    enum Rules {
        NONE, ODCS, PATHOLOGICAL_PATTERN;

        List<QualityRule> rules() {
            return switch (this) {
                case NONE -> List.of();
                case ODCS -> odcsRules();
                case PATHOLOGICAL_PATTERN -> java.util.stream.Stream.concat(odcsRules().stream(), java.util.stream.Stream.of(
                        QualityRule.newBuilder(rule("$.schema[0].properties[4].quality[0]", "note", "invalidValues", "mustBe", 0,
                                QualityUnit.ROWS)).setPattern("(a+)+$").build())).toList();
            };
        }
    }

    /** One rule of every ODCS metric family the stream evaluates, and one sql rule (kept, not evaluated). */
    static List<QualityRule> odcsRules() {
        return List.of(
                rule("$.schema[0].quality[0]", null, "rowCount", "mustBeGreaterThan", 0, QualityUnit.ROWS),
                rule("$.schema[0].properties[2].quality[0]", "email", "nullValues", "mustBeLessThan", 5, QualityUnit.PERCENT),
                QualityRule.newBuilder(rule("$.schema[0].properties[1].quality[0]", "channel", "missingValues", "mustBeLessThan", 2,
                        QualityUnit.PERCENT)).setValues(List.of("", "N/A")).build(),
                QualityRule.newBuilder(rule("$.schema[0].properties[1].quality[1]", "channel", "invalidValues", "mustBe", 0,
                        QualityUnit.ROWS)).setValues(List.of("search", "social", "display", "N/A")).build(),
                QualityRule.newBuilder(rule("$.schema[0].properties[0].quality[0]", "campaign_id", "invalidValues", "mustBe", 0,
                        QualityUnit.ROWS)).setPattern("^c-[0-9]+$").build(),
                rule("$.schema[0].properties[0].quality[1]", "campaign_id", "duplicateValues", "mustBe", 0, QualityUnit.ROWS),
                rule("$.schema[0].quality[1]", null, "duplicateValues", "mustBeLessOrEqualTo", 1, QualityUnit.PERCENT),
                QualityRule.newBuilder().setPath("$.schema[0].quality[2]").setMetric("sql")
                        .setDefinition("SELECT COUNT(*) FROM t WHERE clicks < 0").setOperator("mustBe").setThreshold(0.0).build());
    }

    private static QualityRule rule(String path, String field, String metric, String operator, double threshold, QualityUnit unit) {
        return QualityRule.newBuilder().setPath(path).setField(field).setMetric(metric).setOperator(operator)
                .setThreshold(threshold).setUnit(unit).build();
    }

    static FieldSpec field(String name, boolean required) {
        return FieldSpec.newBuilder().setName(name).setDescription(name).setPii(false).setRequired(required)
                .setClassification(null).build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
