package io.meshwarden.schemas;

/**
 * What a policy set's own violations and decisions are keyed by on the product-keyed topics: a
 * refused policy set is reported on {@link Topics#VIOLATIONS} under {@code policy:<policy set id>},
 * which can never clash with a product id ({@code <domain>.<product>} has no colon). The publisher
 * that waits for a refusal and the processor that writes it both use this one definition.
 */
public final class PolicySetSubject {
    public static final String PREFIX = "policy:";

    private PolicySetSubject() {
    }

    /** The key (and product id) of a policy set's violations. */
    public static String of(String policySetId) {
        return PREFIX + policySetId;
    }
}
