package io.meshwarden.governance.access;

import java.util.Locale;

/**
 * Who is who on a secured cluster, in one place: a domain's SCRAM user is named like the domain
 * ({@code User:paid-media}), so a contract's {@code domain} field names its principal. The platform's
 * services are super users on the broker and need no ACL; every other principal is a consumer that
 * reads by classification or by grant.
 */
public final class Principals {
    /** Every authenticated principal, as an ACL's principal; anonymous clients cannot connect at all. */
    public static final String EVERYONE = "User:*";

    private Principals() {
    }

    /** The principal of a domain, e.g. {@code User:paid-media} for {@code paid-media}. */
    public static String ofDomain(String domain) {
        return ofUser(domain.toLowerCase(Locale.ROOT));
    }

    /** The principal of a SASL user name. */
    public static String ofUser(String user) {
        if (user == null || user.isBlank() || user.contains(":")) {
            throw new IllegalArgumentException("'" + user + "' is not a user name");
        }
        return "User:" + user;
    }
}
