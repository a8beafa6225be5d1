package io.meshwarden.quality.freshness;

/**
 * A product's freshness changed: it broke its guarantee ({@code breach}) or met it again.
 *
 * @param deadline when the episode's newest record (or the registration) became too old; names the episode
 * @param reason   why, in words, for the violation message
 */
public record FreshnessEvent(String productId, boolean breach, long ageMs, long maxAgeMs, long deadline, String reason) {
}
