package io.meshwarden.access;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Kafka principals as access management writes them: {@code User:<name>}, the form Kafka's
 * authorizer matches ACLs against. One place checks them and compares them, so that an approver
 * named {@code User:Jane@Example.com} and a steward written {@code jane@example.com} are the same person.
 */
public final class Principals {
    private static final Pattern PRINCIPAL = Pattern.compile("User:[A-Za-z0-9._@+=-]{1,200}");

    private Principals() {
    }

    /** The problem with {@code principal}, or null when it is a valid {@code User:<name>}. */
    public static String problem(String field, String principal) {
        if (principal == null || principal.isBlank()) {
            return field + " is required, as User:<name>";
        }
        return PRINCIPAL.matcher(principal).matches() ? null
                : field + " must be a Kafka principal User:<name> (letters, digits, . _ @ + = -), not '" + principal + "'";
    }

    /** The name without the {@code User:} type, lower-cased: how identities are compared. */
    public static String identity(String principalOrName) {
        String name = principalOrName.startsWith("User:") ? principalOrName.substring("User:".length()) : principalOrName;
        return name.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        return a != null && b != null && identity(a).equals(identity(b));
    }
}
