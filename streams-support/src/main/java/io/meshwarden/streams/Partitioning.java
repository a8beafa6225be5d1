package io.meshwarden.streams;

/**
 * Whether an input topic's records can be trusted to sit on the partition of their key.
 *
 * <p>Kafka Streams joins and per-key state assume the Java client's murmur2 partitioning. Topics
 * that domains write may hold a key on any partition: librdkafka (Python, Go, .NET, Node, kcat)
 * hashes keys with CRC32, and any client may choose partitions itself. Such inputs are
 * {@link #BY_KEY}: re-keyed through a named repartition topic before anything reads their state.
 * Topics only Meshwarden's own Streams applications write (the catalog, violations) are
 * {@link #AS_WRITTEN} and read directly.
 */
public enum Partitioning {
    /** Written by Meshwarden's Java producers: every key is already on its murmur2 partition. */
    AS_WRITTEN,
    /** Written by any client: re-keyed through {@code <application.id>-<name>-by-key-repartition} first. */
    BY_KEY
}
