package io.meshwarden.sla.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of an approve, reject or revoke: {@code actor} (required; who decides, taken from this field
 * until the API takes it from authentication) and an optional {@code reason}.
 */
@Serdeable
public record AccessDecisionBody(@Nullable String actor, @Nullable String reason) {
}
