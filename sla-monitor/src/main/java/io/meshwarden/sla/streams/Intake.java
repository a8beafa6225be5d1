package io.meshwarden.sla.streams;

/**
 * A raw input record after decoding: the typed event, or the original bytes to send to the
 * dead-letter topic (the reason travels in the record's headers).
 */
sealed interface Intake<T> {
    record Accepted<T>(T event) implements Intake<T> {
    }

    record Rejected<T>(byte[] key, byte[] value) implements Intake<T> {
    }
}
