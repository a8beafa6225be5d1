package io.meshwarden.governance;

import java.util.List;

/**
 * What governance needs to know about the rest of the catalog while it judges one contract:
 * which active products consume a given product. The running topology answers it from a global
 * store of the catalog; offline validation knows no catalog and answers "none".
 */
@FunctionalInterface
public interface CatalogView {
    CatalogView EMPTY = productId -> List.of();

    /** Ids of the active products that list {@code productId} among their upstream products. */
    List<String> activeConsumersOf(String productId);
}
