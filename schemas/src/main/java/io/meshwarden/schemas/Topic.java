package io.meshwarden.schemas;

import org.apache.kafka.common.serialization.Serde;

/** A concrete topic: its full name and the serdes of its keys and values. Immutable. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted, String description) {
}
