package io.meshwarden.quality.impact;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Ownership;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who owns a reader of a topic, read from the catalog by naming convention: a consumer group or a
 * principal ({@code User:} stripped) named after a product ({@code customer-analytics.attribution},
 * {@code customer-analytics.attribution-loader}) belongs to that product's owner, the longest
 * matching product id winning; one named after a domain ({@code marketing-ops-dashboard}) to the
 * team that owns that domain's products, when they agree on one. Otherwise the owner is unknown.
 */
final class ReaderOwners {
    private final List<DataProductContract> contracts;

    ReaderOwners(Collection<DataProductContract> contracts) {
        this.contracts = List.copyOf(contracts);
    }

    Optional<Ownership> of(String reader) {
        String name = name(reader);
        Optional<DataProductContract> product = product(name);
        if (product.isPresent()) {
            return Optional.of(product.get().getOwner());
        }
        List<Ownership> domain = contracts.stream().filter(c -> named(name, c.getDomain())).map(DataProductContract::getOwner)
                .filter(o -> o.getTeam() != null).distinct().toList();
        return domain.size() == 1 ? Optional.of(domain.get(0)) : Optional.empty();
    }

    /** The product a reader is named after, the longest matching id winning; empty when it is named after none. */
    Optional<String> productOf(String reader) {
        return product(name(reader)).map(DataProductContract::getId);
    }

    private Optional<DataProductContract> product(String name) {
        return contracts.stream().filter(c -> named(name, c.getId())).max(Comparator.comparingInt(c -> c.getId().length()));
    }

    private static String name(String reader) {
        return reader.startsWith("User:") ? reader.substring("User:".length()) : reader;
    }

    private static boolean named(String name, String prefix) {
        return name.equals(prefix) || name.length() > prefix.length() && name.startsWith(prefix)
                && "-._".indexOf(name.charAt(prefix.length())) >= 0;
    }
}
