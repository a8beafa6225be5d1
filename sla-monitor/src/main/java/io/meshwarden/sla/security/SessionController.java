package io.meshwarden.sla.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;

/**
 * {@code GET /api/session}: whether the API asks for credentials, and who the caller is with which
 * roles (implications included). Open to anyone, so the dashboard can decide whether to show its
 * login form and which buttons to draw; the server still checks every command itself.
 */
@Controller("/api/session")
@Secured(SecurityRule.IS_ANONYMOUS)
public class SessionController {
    private final boolean enabled;

    public SessionController(SecuritySettings settings) {
        this.enabled = settings.enabled();
    }

    /** The caller: {@code user} is null for an anonymous one. */
    @Serdeable
    public record Session(boolean securityEnabled, @Nullable String user, List<String> roles) {
    }

    @Operation(summary = "Who the caller is: security on or off, user name and roles (open to anyone)")
    @Get
    public Session session(@Nullable Authentication user) {
        return new Session(enabled, user == null ? null : user.getName(),
                user == null ? List.of() : List.copyOf(Roles.expand(user.getRoles())));
    }
}
