package io.meshwarden.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.schemas.registry.ConfluentFrame;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes one event type as Avro single-object encoding, plain JSON or the Confluent wire format, and decodes
 * any of them, telling them apart by their first bytes (C3 01, '{', 0). Failures are
 * {@link EventDecodingException}s with a reason, never nulls. One instance per type, shared and thread-safe.
 */
public final class EventCodec<T extends SpecificRecord> {
    private static final Map<Class<?>, EventCodec<?>> CODECS = new ConcurrentHashMap<>();

    static {
        AvroLimits.apply();
    }

    private final Schema schema;
    private final SingleObjectCodec<T> avro;
    private final JsonCodec<T> json;
    private final ConfluentAvroCodec<T> confluent;

    private EventCodec(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.avro = new SingleObjectCodec<>(model, schema, SchemaHistory.olderVersionsOf(schema.getFullName()));
        this.json = new JsonCodec<>(model, schema);
        this.confluent = new ConfluentAvroCodec<>(model, schema);
    }

    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> EventCodec<T> of(Class<T> type) {
        return (EventCodec<T>) CODECS.computeIfAbsent(type, t -> new EventCodec<>(type));
    }

    public Schema schema() {
        return schema;
    }

    /**
     * Avro single-object encoding or JSON; the Confluent wire format needs a registry and a topic, see
     * {@link #encode(SpecificRecord, EventFormat, String)}.
     */
    public byte[] encode(T value, OutputFormat format) {
        return switch (format) {
            case AVRO -> avro.encode(value);
            case JSON -> json.encode(value);
            case CONFLUENT_AVRO -> throw new IllegalArgumentException("the Confluent wire format registers the schema under"
                    + " the topic's subject: encode with an EventFormat and a topic");
        };
    }

    /**
     * {@code value} as written to {@code topic}; in the Confluent wire format its schema registered under
     * {@code <topic>-value} first.
     *
     * @throws org.apache.kafka.common.errors.SerializationException when that registration fails
     */
    public byte[] encode(T value, EventFormat format, String topic) {
        return format.output() == OutputFormat.CONFLUENT_AVRO ? confluent.encode(value, format.registry().orElseThrow(), topic)
                : encode(value, format.output());
    }

    /** Decodes Avro single-object encoding or a JSON object; a record in the Confluent wire format fails without a registry. */
    public T decode(byte[] bytes) {
        return decode(bytes, Optional.empty());
    }

    /** Decodes Avro single-object encoding, a JSON object, or the Confluent wire format with {@code registry}'s writer schema. */
    public T decode(byte[] bytes, Optional<SchemaRegistryClient> registry) {
        if (bytes == null || bytes.length == 0) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "empty value");
        }
        if (SingleObjectCodec.looksLikeSingleObject(bytes)) {
            return avro.decode(bytes);
        }
        if (JsonCodec.looksLikeJson(bytes)) {
            return json.decode(bytes);
        }
        if (ConfluentFrame.claims(bytes)) {
            return confluent.decode(bytes, registry);
        }
        throw new EventDecodingException(DeadLetterReason.UNDECODABLE, String.format(
                "neither Avro single-object encoding (starting C3 01), a JSON object (starting '{') nor the Confluent wire"
                        + " format (starting 00); first byte 0x%02X", bytes[0]));
    }

    public JsonNode toJson(T value) {
        return json.toJsonNode(value);
    }

    public T fromJson(JsonNode node) {
        return json.fromJsonNode(node);
    }
}
