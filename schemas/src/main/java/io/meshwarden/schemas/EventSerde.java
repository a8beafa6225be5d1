package io.meshwarden.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one event type: writes the configured {@link OutputFormat}, reads any (the Confluent wire format
 * with the {@link EventFormat}'s registry). A null value is a tombstone both ways. Decoding failures throw
 * {@link EventDecodingException}; a schema that cannot be registered throws a {@code SerializationException}.
 */
public final class EventSerde<T extends SpecificRecord> implements Serde<T> {
    private final EventCodec<T> codec;
    private final EventFormat format;

    /** Writing {@code format} without a schema registry (so not the Confluent wire format); for state stores and tests. */
    public EventSerde(Class<T> type, OutputFormat format) {
        this(type, EventFormat.of(format));
    }

    public EventSerde(Class<T> type, EventFormat format) {
        this.codec = EventCodec.of(type);
        this.format = format;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : codec.encode(value, format, topic);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : codec.decode(bytes, format.registry());
    }

    public EventCodec<T> codec() {
        return codec;
    }
}
