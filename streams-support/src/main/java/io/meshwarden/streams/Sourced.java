package io.meshwarden.streams;

/**
 * A decoded event with the key and value bytes it arrived as, for a processor that may still
 * reject it later (a late or unknown event): the dead-letter topic then gets what was received,
 * not a re-encoding of it.
 */
public record Sourced<T>(T event, byte[] originalKey, byte[] originalValue) {
}
