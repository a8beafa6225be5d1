package io.meshwarden.quality.governance;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.Violation;
import io.meshwarden.governance.CatalogView;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Violations;
import io.meshwarden.governance.policy.PolicyLayers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Judges the contracts in force again when the policy sets in force change, so that a rule a new set
 * adds reaches the products that already break it, and a rule a set drops stops being broken. The
 * sets are a global store on every instance, while the contracts are partitioned by product: each
 * governance task looks at the sets on a wall-clock schedule and, when their versions changed since
 * it last looked, re-judges the contracts of its own partition ({@link RuleLifecycle#reevaluated}).
 * After a start every task judges once: it does not know what it saw before, and publishes only
 * what differs from {@link GovernanceTopology#CONTRACT_BREACHES_STORE}, so that costs one evaluation per
 * product and publishes nothing when nothing changed.
 *
 * <p>A contract is judged against itself as its previous version (rules that compare versions find
 * nothing, and keep what the version's acceptance found); a retired product is not judged.
 */
final class PolicyEvolution {
    /** Rule kinds that judge a version against the one before it. */
    private static final Set<String> VERSION_KINDS = Set.of("versioning", "compatibility");

    private final PolicyCache cache;
    private final Supplier<List<PolicySet>> inForce;
    private final CatalogView consumers;
    private String judged;

    PolicyEvolution(PolicyCache cache, Supplier<List<PolicySet>> inForce, CatalogView consumers) {
        this.cache = cache;
        this.inForce = inForce;
        this.consumers = consumers;
    }

    /** Per product, what to publish, if the sets in force changed since the last call; empty otherwise. */
    Map<String, RuleLifecycle.Step> check(KeyValueStore<String, DataProductContract> accepted,
                                          KeyValueStore<String, ContractBreaches> breaches, Instant now) {
        List<PolicySet> sets = inForce.get();
        String versions = PolicyCache.versions(sets);
        if (versions.equals(judged)) {
            return Map.of();
        }
        judged = versions;
        PolicyLayers layers = cache.layersOf(sets);
        String occasion = "policies:" + versions;
        List<Map.Entry<String, RuleLifecycle.Step>> steps = new ArrayList<>();
        try (var all = accepted.all()) {
            all.forEachRemaining(entry -> {
                DataProductContract contract = entry.value;
                if (contract.getStatus() == ProductStatus.RETIRED) {
                    return;
                }
                List<Violation> found = Violations.inForce(layers.evaluate(new ContractContext(contract, contract, consumers)),
                        contract, occasion, now);
                ContractBreaches before = breaches.get(entry.key);
                RuleLifecycle.Step step = RuleLifecycle.reevaluated(before == null ? ContractBreaches.NONE : before, contract,
                        found, versionRules(layers, contract.getDomain()), occasion, now);
                if (!step.published().isEmpty()) {
                    steps.add(Map.entry(entry.key, step));
                }
            });
        }
        return steps.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    static Set<String> versionRules(PolicyLayers layers, String domain) {
        return layers.sets().stream()
                .filter(set -> set.getScope() == PolicyScope.GLOBAL || domain.equals(set.getDomain()))
                .flatMap(set -> set.getRules().stream())
                .filter(rule -> VERSION_KINDS.contains(rule.getKind()))
                .map(PolicyRule::getId)
                .collect(Collectors.toSet());
    }
}
