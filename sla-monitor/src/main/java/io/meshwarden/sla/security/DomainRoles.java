package io.meshwarden.sla.security;

import io.meshwarden.sla.api.RequestRejectedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;

/**
 * Who may approve for a domain: its owner ({@code owner:DOMAIN}), its steward ({@code steward:DOMAIN})
 * or an admin. The role depends on the product a request is about, so it cannot be a static
 * {@code @Secured}; an endpoint is {@code @Secured(Roles.VIEWER)} and calls
 * {@link #requireApprover} once it knows the product's domain:
 * <pre>{@code
 * @Post("/{id}/approve") @Secured(Roles.VIEWER)
 * HttpResponse<?> approve(@PathVariable String id, @Nullable Authentication user) {
 *     String approver = DomainRoles.requireApprover(user, product.domain());   // 403 naming owner:DOMAIN
 *     ...
 * }
 * }</pre>
 * With security switched off ({@code meshwarden.security.enabled=false}) there is no authentication;
 * {@link #requireApprover} then refuses with 403 too, since an approval must name a real person.
 */
public final class DomainRoles {
    private DomainRoles() {
    }

    public static String owner(String domain) {
        return Roles.OWNER_PREFIX + Roles.domain(domain);
    }

    public static String steward(String domain) {
        return Roles.STEWARD_PREFIX + Roles.domain(domain);
    }

    /** Whether this user owns or stewards the domain, or is an admin. */
    public static boolean mayApprove(@Nullable Authentication user, String domain) {
        if (user == null) {
            return false;
        }
        var roles = Roles.expand(user.getRoles());
        return roles.contains(Roles.ADMIN) || roles.contains(owner(domain)) || roles.contains(steward(domain));
    }

    /** The approving user's name; 403 naming {@code owner:DOMAIN} when they may not approve for it. */
    public static String requireApprover(@Nullable Authentication user, String domain) {
        if (!mayApprove(user, domain)) {
            throw RequestRejectedException.forbidden(owner(domain), (user == null ? "an anonymous caller" : "user '"
                    + user.getName() + "'") + " is neither owner nor steward of domain '" + Roles.domain(domain)
                    + "': needs role '" + owner(domain) + "' or '" + steward(domain) + "' (or admin)");
        }
        return user.getName();
    }
}
