package io.meshwarden.sla.security;

import io.meshwarden.sla.api.InvalidParameterException;
import io.meshwarden.sla.api.RequestRejectedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;

/**
 * Who acts on a command (an alert action, an access decision): the authenticated user, never a
 * field of the body. A body may leave {@code actor} out or name that same user (as the login or as
 * the Kafka principal {@code User:<login>}); any other name is a 400 naming {@code actor}, not
 * silently replaced, so that a script acting in someone else's name learns it cannot.
 */
public final class ActingUser {
    private ActingUser() {
    }

    /** The login of the authenticated user; 403 naming {@code role} when there is none. */
    public static String of(@Nullable Authentication user, @Nullable String named, String role) {
        if (user == null) {
            // Unreachable behind @Secured; refuse rather than record nobody.
            throw RequestRejectedException.forbidden(role, "this command needs an authenticated user with role '" + role + "'");
        }
        String given = named == null || named.isBlank() ? null : named.strip();
        if (given != null && !given.equals(user.getName()) && !given.equals("User:" + user.getName())) {
            throw new InvalidParameterException("actor", "actor is the authenticated user '" + user.getName()
                    + "'; the body names '" + given + "': leave actor out or give that same name");
        }
        return user.getName();
    }
}
