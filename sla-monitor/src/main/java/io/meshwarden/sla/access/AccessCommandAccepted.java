package io.meshwarden.sla.access;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to an accepted access command: it is on {@code access.commands}; the access service
 * applies it, or refuses it with the reason on {@code mesh.access.audit}. Watch {@code location}.
 */
@Serdeable
public record AccessCommandAccepted(String commandId, String requestId, String action, String location) {
}
