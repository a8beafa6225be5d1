package io.meshwarden.streams;

import io.meshwarden.schemas.validation.InvalidEvent;
import java.util.Optional;

/**
 * The semantic rules of one event type, checked by the decode step after the event decoded and
 * its key matched: counts that cannot be negative, times that cannot be in the future, versions
 * that must parse. Given the wall clock of the processor, for rules relative to now.
 */
@FunctionalInterface
public interface EventCheck<T> {
    /** An event type without semantic rules. */
    static <T> EventCheck<T> none() {
        return (event, wallClockMs) -> Optional.empty();
    }

    /** The rule {@code event} breaks first, or empty when it breaks none. */
    Optional<InvalidEvent> check(T event, long wallClockMs);
}
