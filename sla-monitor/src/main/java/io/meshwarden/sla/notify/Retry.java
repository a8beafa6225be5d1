package io.meshwarden.sla.notify;

import java.time.Duration;

/**
 * How a sink retries a delivery: {@code attempts} in all, waiting {@code firstBackoff} after the
 * first failure and doubling up to {@code maxBackoff}.
 */
record Retry(int attempts, Duration firstBackoff, Duration maxBackoff) {

    Retry {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt, not " + attempts);
        }
    }

    /** The wait after failed attempt {@code attempt} (1 for the first). */
    Duration backoffAfter(int attempt) {
        long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
