package io.meshwarden.sla.api;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.DataProductContract;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Products with their alerts, SLA and health, from one scan of each store of one view. A product's
 * contract, alerts and availability share its partition, so each instance's summaries of its own
 * partitions are whole, and the cluster's are their union.
 */
public class ProductSummaries {
    private final SlaReader reader;

    public ProductSummaries(SlaReader reader) {
        this.reader = reader;
    }

    /** The products of the catalog. */
    public List<ProductSummary> catalogued() {
        return catalogued(contract -> true);
    }

    /** The products of the catalog whose contract passes the test. */
    public List<ProductSummary> catalogued(Predicate<DataProductContract> contracts) {
        return summaries(false, contracts);
    }

    /**
     * The products of the catalog, and those with alerts but no accepted contract (a product whose
     * every contract was rejected, a policy set), so that the health grid shows them too.
     */
    public List<ProductSummary> all() {
        return summaries(true, contract -> true);
    }

    private List<ProductSummary> summaries(boolean withUncatalogued, Predicate<DataProductContract> admitted) {
        Map<String, List<Alert>> alerts = reader.alerts().stream().collect(Collectors.groupingBy(Alert::getProductId));
        long now = System.currentTimeMillis();
        List<ProductSummary> products = new ArrayList<>();
        Set<String> catalogued = new HashSet<>();
        for (DataProductContract contract : reader.contracts()) {
            catalogued.add(contract.getId());
            if (admitted.test(contract)) {
                products.add(ProductSummary.of(contract, alerts.getOrDefault(contract.getId(), List.of()),
                        reader.status(contract.getId(), contract, now)));
            }
        }
        if (withUncatalogued) {
            alerts.forEach((productId, productAlerts) -> {
                if (!catalogued.contains(productId)) {
                    products.add(ProductSummary.uncatalogued(productId, productAlerts, reader.status(productId, null, now)));
                }
            });
        }
        return products;
    }
}
