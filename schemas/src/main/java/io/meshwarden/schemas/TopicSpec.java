package io.meshwarden.schemas;

import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic as the code knows it before the deployment's prefix and {@link EventFormat} (output format and schema
 * registry) are known:
 * its name without prefix, its key serde, how to build its value serde, and whether it is compacted.
 * {@link TopicCatalog} turns it into a concrete {@link Topic}.
 */
public record TopicSpec<K, V>(String suffix, Serde<K> keySerde, Function<EventFormat, Serde<V>> valueSerde,
                              boolean compacted, String description) {
}
