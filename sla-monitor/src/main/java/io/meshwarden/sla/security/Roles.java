package io.meshwarden.sla.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The roles of the API, and the one place that says which role implies which. Controllers name them
 * in {@code @Secured(Roles.OPERATOR)}; a 403 names the role that was missing.
 *
 * <ul>
 *   <li>{@value #VIEWER}: reads every {@code GET /api/...}.</li>
 *   <li>{@value #OPERATOR}: acknowledges, resolves and snoozes alerts; implies viewer.</li>
 *   <li>{@code owner:DOMAIN} and {@code steward:DOMAIN}: approve access to that domain's products
 *       ({@link DomainRoles}); imply viewer.</li>
 *   <li>{@value #ADMIN}: everything, every domain included.</li>
 * </ul>
 * The implications are applied once, by {@link #expand}, to the roles of every authentication
 * (basic, tokens issued here, tokens of another issuer: {@link HierarchicalRolesFinder}), so a rule
 * asks for the one role it needs and never lists the roles above it.
 */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";
    /** Prefix of a domain owner's role: {@code owner:paid-media}. */
    public static final String OWNER_PREFIX = "owner:";
    /** Prefix of a domain steward's role: {@code steward:paid-media}. */
    public static final String STEWARD_PREFIX = "steward:";

    private static final List<String> PLAIN = List.of(VIEWER, OPERATOR, ADMIN);

    private Roles() {
    }

    /** These roles and every role they imply, sorted. */
    public static Set<String> expand(Collection<String> roles) {
        Set<String> expanded = new TreeSet<>(roles);
        if (expanded.contains(ADMIN)) {
            expanded.add(OPERATOR);
        }
        if (expanded.contains(OPERATOR) || expanded.stream().anyMatch(Roles::isDomainRole)) {
            expanded.add(VIEWER);
        }
        return expanded;
    }

    /** A role a users file or token may carry: viewer, operator, admin, owner:DOMAIN or steward:DOMAIN. */
    public static boolean isKnown(String role) {
        return PLAIN.contains(role) || isDomainRole(role) && role.indexOf(':') < role.length() - 1;
    }

    static boolean isDomainRole(String role) {
        return role.startsWith(OWNER_PREFIX) || role.startsWith(STEWARD_PREFIX);
    }

    /** Domain names are compared in lower case, as product ids are. */
    static String domain(String domain) {
        return domain.trim().toLowerCase(Locale.ROOT);
    }
}
