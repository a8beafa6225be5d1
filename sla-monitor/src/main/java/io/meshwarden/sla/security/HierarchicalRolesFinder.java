package io.meshwarden.sla.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Micronaut Security's roles of an authentication, with {@link Roles#expand}'s implications added, so
 * that {@code @Secured(Roles.VIEWER)} admits an operator and a token from another issuer carrying
 * only {@code admin} is an operator too.
 */
@Singleton
@Replaces(DefaultRolesFinder.class)
public class HierarchicalRolesFinder extends DefaultRolesFinder {

    public HierarchicalRolesFinder(TokenConfiguration tokenConfiguration) {
        super(tokenConfiguration);
    }

    @Override
    public List<String> resolveRoles(Map<String, Object> attributes) {
        return List.copyOf(Roles.expand(super.resolveRoles(attributes)));
    }
}
