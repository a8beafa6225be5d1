package io.meshwarden.quality.governance;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.Violation;
import io.meshwarden.governance.CatalogView;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Violations;
import io.meshwarden.governance.interop.FieldDeclarations;
import io.meshwarden.governance.policy.PolicyLayers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Judges a product again when a product it references ({@code interop.references.*}, ODCS relationships)
 * changes in the catalog, so that a field the referenced product's next major version removes breaks the
 * relationship of its dependents then, and restoring it recovers them. Each governance task keeps, in
 * memory, the products of its partition that reference others and the versions of the referenced products
 * it last judged them with (their fingerprint, read from the global
 * {@link GovernanceTopology#CATALOG_REPLICA_STORE}); on the wall-clock schedule of {@link PolicyEvolution},
 * a dependent whose fingerprint changed is judged again ({@link RuleLifecycle#reevaluated}, occasion
 * {@code references:<fingerprint>}). After a start every dependent is judged once, publishing only what
 * differs from {@link GovernanceTopology#CONTRACT_BREACHES_STORE}.
 */
final class DependentsRecheck {
    private final PolicyCache cache;
    private final Supplier<List<PolicySet>> inForce;
    private final CatalogView catalog;
    /** Dependent product id, fingerprint it was last judged with ("" before its first judgement); null before the first scan. */
    private Map<String, String> judged;

    DependentsRecheck(PolicyCache cache, Supplier<List<PolicySet>> inForce, CatalogView catalog) {
        this.cache = cache;
        this.inForce = inForce;
        this.catalog = catalog;
    }

    /** A version of a product was accepted, judged with the catalog as it is now. */
    void accepted(DataProductContract contract) {
        if (judged != null) {
            String fingerprint = fingerprint(contract);
            if (fingerprint == null) {
                judged.remove(contract.getId());
            } else {
                judged.put(contract.getId(), fingerprint);
            }
        }
    }

    /** Per dependent whose referenced products changed since it was last judged, what to publish. */
    Map<String, RuleLifecycle.Step> check(KeyValueStore<String, DataProductContract> accepted,
                                          KeyValueStore<String, ContractBreaches> breaches, Instant now) {
        if (judged == null) {
            judged = new HashMap<>();
            try (var all = accepted.all()) {
                all.forEachRemaining(entry -> {
                    if (fingerprint(entry.value) != null) {
                        judged.put(entry.key, "");
                    }
                });
            }
        }
        Map<String, RuleLifecycle.Step> steps = new LinkedHashMap<>();
        PolicyLayers layers = null;
        for (String productId : new ArrayList<>(new TreeSet<>(judged.keySet()))) {
            DataProductContract contract = accepted.get(productId);
            String fingerprint = contract == null || contract.getStatus() == ProductStatus.RETIRED ? null : fingerprint(contract);
            if (fingerprint == null) {
                judged.remove(productId);
                continue;
            }
            if (fingerprint.equals(judged.get(productId))) {
                continue;
            }
            judged.put(productId, fingerprint);
            layers = layers != null ? layers : cache.layersOf(inForce.get());
            String occasion = "references:" + fingerprint;
            List<Violation> found = Violations.inForce(layers.evaluate(new ContractContext(contract, contract, catalog)),
                    contract, occasion, now);
            ContractBreaches before = breaches.get(productId);
            RuleLifecycle.Step step = RuleLifecycle.reevaluated(before == null ? ContractBreaches.NONE : before, contract, found,
                    PolicyEvolution.versionRules(layers, contract.getDomain()), occasion, now);
            if (!step.published().isEmpty()) {
                steps.put(productId, step);
            }
        }
        return steps;
    }

    /**
     * The referenced products as the catalog holds them, {@code <id>@<version>:<status>} (or {@code <id>@none})
     * in id order; null when the contract references no other product.
     */
    private String fingerprint(DataProductContract contract) {
        TreeSet<String> referenced = new TreeSet<>();
        new FieldDeclarations(contract).references(new ArrayList<>()).forEach(r -> referenced.add(r.productId()));
        referenced.remove(contract.getId());
        if (referenced.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String id : referenced) {
            parts.add(catalog.product(id).map(c -> id + "@" + c.getVersion() + ":" + c.getStatus().name().toLowerCase(
                    java.util.Locale.ROOT)).orElse(id + "@none"));
        }
        return String.join(",", parts);
    }
}
