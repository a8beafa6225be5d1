package io.meshwarden.sla.api;

import io.micronaut.serde.annotation.Serdeable;

/** The answer to an accepted command: it is on the alert-command topic and will be applied shortly. */
@Serdeable
public record CommandAccepted(String commandId, String alertId, String action, String snoozeUntil) {
}
