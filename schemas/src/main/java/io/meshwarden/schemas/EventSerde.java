package io.meshwarden.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one event type: writes the configured {@link OutputFormat}, reads either.
 * A null value is a tombstone both ways. Decoding failures throw {@link EventDecodingException}.
 */
public final class EventSerde<T extends SpecificRecord> implements Serde<T> {
    private final EventCodec<T> codec;
    private final OutputFormat format;

    public EventSerde(Class<T> type, OutputFormat format) {
        this.codec = EventCodec.of(type);
        this.format = format;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : codec.encode(value, format);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
    }

    public EventCodec<T> codec() {
        return codec;
    }
}
