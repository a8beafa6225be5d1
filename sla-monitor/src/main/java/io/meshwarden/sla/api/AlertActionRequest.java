package io.meshwarden.sla.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of an acknowledge, resolve or snooze request. {@code actor} is who acts: with security on
 * it may be left out, since the authenticated user acts, and if given must be that user (else 400);
 * with security off it is required. {@code reason} is optional; a snooze needs {@code until} (ISO-8601 instant in the future) or
 * {@code minutes} (1 to 10080).
 */
@Serdeable
public record AlertActionRequest(@Nullable String actor, @Nullable String reason, @Nullable String until,
                                 @Nullable Integer minutes) {
}
