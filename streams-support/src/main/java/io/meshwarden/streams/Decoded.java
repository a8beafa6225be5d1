package io.meshwarden.streams;

/**
 * A consumed record after decoding: either the event, or the original bytes of a record that
 * could not be decoded (its dead-letter headers already on the record).
 */
public sealed interface Decoded<T> {

    /** The event, and the key and value bytes it was decoded from. */
    record Ok<T>(T value, byte[] key, byte[] bytes) implements Decoded<T> {
    }

    record Failed<T>(byte[] key, byte[] value) implements Decoded<T> {
    }
}
