package io.meshwarden.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes one event type as Avro single-object encoding or plain JSON, and decodes either,
 * telling them apart by their first bytes. Failures are {@link EventDecodingException}s with a
 * reason, never nulls. One instance per type, shared and thread-safe.
 */
public final class EventCodec<T extends SpecificRecord> {
    private static final Map<Class<?>, EventCodec<?>> CODECS = new ConcurrentHashMap<>();

    static {
        AvroLimits.apply();
    }

    private final Schema schema;
    private final SingleObjectCodec<T> avro;
    private final JsonCodec<T> json;

    private EventCodec(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.avro = new SingleObjectCodec<>(model, schema, SchemaHistory.olderVersionsOf(schema.getFullName()));
        this.json = new JsonCodec<>(model, schema);
    }

    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> EventCodec<T> of(Class<T> type) {
        return (EventCodec<T>) CODECS.computeIfAbsent(type, t -> new EventCodec<>(type));
    }

    public Schema schema() {
        return schema;
    }

    public byte[] encode(T value, OutputFormat format) {
        return format == OutputFormat.JSON ? json.encode(value) : avro.encode(value);
    }

    /** Decodes Avro single-object encoding or a JSON object. */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "empty value");
        }
        if (SingleObjectCodec.looksLikeSingleObject(bytes)) {
            return avro.decode(bytes);
        }
        if (JsonCodec.looksLikeJson(bytes)) {
            return json.decode(bytes);
        }
        throw new EventDecodingException(DeadLetterReason.UNDECODABLE, String.format(
                "neither Avro single-object encoding (starting C3 01) nor a JSON object (starting '{'); first byte 0x%02X",
                bytes[0]));
    }

    public JsonNode toJson(T value) {
        return json.toJsonNode(value);
    }

    public T fromJson(JsonNode node) {
        return json.fromJsonNode(node);
    }
}
