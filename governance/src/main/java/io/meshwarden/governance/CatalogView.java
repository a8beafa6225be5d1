package io.meshwarden.governance;

import io.meshwarden.avro.DataProductContract;
import java.util.List;
import java.util.Optional;

/**
 * What governance needs to know about the rest of the catalog while it judges one contract:
 * which active products consume a given product, and another product's contract in force (to
 * resolve a relationship to one of its fields), and the consumer groups reading a topic. The running
 * topology answers from its stores of the catalog and of {@code mesh.governance.readers}; offline
 * validation knows no catalog: no consumers, no readers, and no products
 * ({@link #knowsProducts()} false, so relationships are not resolved there).
 */
@FunctionalInterface
public interface CatalogView {
    CatalogView EMPTY = productId -> List.of();

    /** Ids of the active products that list {@code productId} among their upstream products. */
    List<String> activeConsumersOf(String productId);

    /** The accepted contract of {@code productId}, whatever its status; empty when the catalog has none. */
    default Optional<DataProductContract> product(String productId) {
        return Optional.empty();
    }

    /** The consumer groups with committed offsets on {@code topic}, as the readers poller last saw them; empty when none are known. */
    default List<String> readersOf(String topic) {
        return List.of();
    }

    /** Whether {@link #product} answers from a catalog: false offline, where no reference can be resolved. */
    default boolean knowsProducts() {
        return false;
    }
}
