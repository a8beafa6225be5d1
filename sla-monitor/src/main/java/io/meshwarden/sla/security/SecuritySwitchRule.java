package io.meshwarden.sla.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * {@code meshwarden.security.enabled=false}: every request is allowed, ahead of every other rule.
 * Otherwise this rule abstains and the {@code @Secured} annotations and the intercept-url map decide,
 * and a route none of them names is refused.
 */
@Singleton
public class SecuritySwitchRule implements SecurityRule<HttpRequest<?>> {
    private final boolean enabled;

    public SecuritySwitchRule(SecuritySettings settings) {
        this.enabled = settings.enabled();
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        return Publishers.just(enabled ? SecurityRuleResult.UNKNOWN : SecurityRuleResult.ALLOWED);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
