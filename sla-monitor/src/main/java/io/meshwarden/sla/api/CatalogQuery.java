package io.meshwarden.sla.api;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;

/**
 * A validated catalog search; every criterion optional. {@code domain}, {@code tag} exact;
 * {@code classification} one of the contract's classifications (any case); {@code owner} the owning
 * team or the steward (any case); {@code q} free text, see {@link ProductSummary#mentions};
 * {@code upstream} a product id the contract lists upstream (the products reading it, its downstream).
 */
public record CatalogQuery(String text, String domain, String tag, Classification classification, String owner,
                           String upstream) {

    public static CatalogQuery parse(String q, String domain, String tag, String classification, String owner,
                                     String upstream) {
        return new CatalogQuery(Params.blankToNull(q), Params.blankToNull(domain), Params.blankToNull(tag),
                Params.enumValue("classification", Classification.class, classification), Params.blankToNull(owner),
                Params.blankToNull(upstream));
    }

    /** The criteria a contract answers and its summary does not show. */
    public boolean admits(DataProductContract contract) {
        return upstream == null || contract.getUpstreamProducts().contains(upstream);
    }

    public boolean matches(ProductSummary product) {
        return (domain == null || domain.equals(product.domain()))
                && (tag == null || product.tags().contains(tag))
                && (classification == null || classification.name().equals(product.classification()))
                && (owner == null || owner.equalsIgnoreCase(product.ownerTeam()) || owner.equalsIgnoreCase(product.steward()))
                && (text == null || product.mentions(text));
    }
}
