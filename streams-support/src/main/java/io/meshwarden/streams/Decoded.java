package io.meshwarden.streams;

/**
 * A consumed record after decoding: either the event, or the original bytes of a record that
 * could not be decoded (its dead-letter headers already on the record).
 */
public sealed interface Decoded<T> {

    record Ok<T>(T value) implements Decoded<T> {
    }

    record Failed<T>(byte[] key, byte[] value) implements Decoded<T> {
    }
}
