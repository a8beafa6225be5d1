package io.meshwarden.sla.streams;

import io.meshwarden.avro.Violation;

/**
 * The key of {@link SlaStores#VIOLATIONS} entries: {@code <productId>|<violationId>}, so that
 * every violation of one product is a prefix range scan. A product id may itself hold '|' (a
 * product that breaks the naming policy still has violations to show), so '\' and '|' in it are
 * escaped: the first unescaped '|' always ends the product id and no product's prefix matches
 * another's keys.
 */
public final class ViolationKey {
    static final char SEPARATOR = '|';
    private static final char ESCAPE = '\\';

    private ViolationKey() {
    }

    /** The store key of this violation. */
    public static String of(Violation violation) {
        return productPrefix(violation.getProductId()) + violation.getViolationId();
    }

    /** The prefix shared by the keys of every violation of this product, and by no other product's. */
    public static String productPrefix(String productId) {
        StringBuilder prefix = new StringBuilder(productId.length() + 1);
        for (int i = 0; i < productId.length(); i++) {
            char c = productId.charAt(i);
            if (c == SEPARATOR || c == ESCAPE) {
                prefix.append(ESCAPE);
            }
            prefix.append(c);
        }
        return prefix.append(SEPARATOR).toString();
    }
}
