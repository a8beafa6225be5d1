package io.meshwarden.sla.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Checks a user name and password (basic auth on any request, or the body of {@code POST /login})
 * against the users file; the authentication carries the user's roles with their implications
 * ({@link Roles#expand}), so a token issued for it does too. PBKDF2 is slow on purpose, so this runs
 * on Micronaut's blocking executor, never on an event loop.
 */
@Singleton
public class UsersFileAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    private final UsersFile users;

    public UsersFileAuthenticationProvider(SecuritySettings settings) {
        this.users = UsersFile.load(settings.usersFile());
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request, AuthenticationRequest<String, String> credentials) {
        Optional<UsersFile.User> user = users.user(credentials.getIdentity());
        if (user.isEmpty()) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.USER_NOT_FOUND);
        }
        if (credentials.getSecret() == null || !user.get().password().matches(credentials.getSecret())) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        return AuthenticationResponse.success(user.get().name(), Roles.expand(user.get().roles()));
    }
}
