package io.meshwarden.streams;

import java.util.Locale;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A state store cannot be queried right now: the application is starting, rebalancing, restoring or
 * stopped. Thrown by {@link StreamsApp#keyValueStore}; callers retry or answer "unavailable".
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient KafkaStreams.State state;

    public StoreUnavailableException(String store, KafkaStreams.State state) {
        this(store, state, null);
    }

    public StoreUnavailableException(String store, KafkaStreams.State state, Throwable cause) {
        super(String.format(Locale.ROOT, "state store %s is not queryable while Kafka Streams is %s; retry shortly",
                store, state), cause);
        this.state = state;
    }

    public KafkaStreams.State state() {
        return state;
    }
}
