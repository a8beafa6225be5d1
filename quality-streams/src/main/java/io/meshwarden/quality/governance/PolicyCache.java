package io.meshwarden.quality.governance;

import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.governance.policy.InvalidPolicyException;
import io.meshwarden.governance.policy.PolicyLayers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled policy layers, built once per combination of policy-set versions and shared by every
 * stream task of the instance: the CEL of a set version is compiled once, not per contract.
 * The sets come from the admitted-policies global store, so a new version is picked up by the
 * next evaluation without a restart.
 */
final class PolicyCache {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyCache.class);
    private static final int MAX_ENTRIES = 64;

    private final ConcurrentMap<String, PolicyLayers> layers = new ConcurrentHashMap<>();

    /** The layers for these admitted sets; the built-in global set when none is global. */
    PolicyLayers layersOf(List<PolicySet> admitted) {
        List<PolicySet> sorted = sorted(admitted);
        String key = versions(sorted);
        PolicyLayers cached = layers.get(key);
        if (cached != null) {
            return cached;
        }
        if (layers.size() >= MAX_ENTRIES) {
            layers.clear(); // old combinations are never asked for again once newer versions are in force
        }
        return layers.computeIfAbsent(key, k -> build(sorted));
    }

    /**
     * {@code id@version} of each of these sets, by id, comma-separated ({@code built-in} for none): what
     * names the combination, so that a change of it is seen ({@link PolicyEvolution}).
     */
    static String versions(List<PolicySet> sets) {
        return sets.isEmpty() ? "built-in"
                : sorted(sets).stream().map(s -> s.getId() + "@" + s.getVersion()).collect(Collectors.joining(","));
    }

    private static List<PolicySet> sorted(List<PolicySet> sets) {
        List<PolicySet> sorted = new ArrayList<>(sets);
        sorted.sort(Comparator.comparing(PolicySet::getId));
        return sorted;
    }

    private static PolicyLayers build(List<PolicySet> sets) {
        PolicySet global = sets.stream().filter(s -> s.getScope() == PolicyScope.GLOBAL).findFirst().orElse(null);
        List<PolicySet> domains = sets.stream().filter(s -> s.getScope() == PolicyScope.DOMAIN).toList();
        try {
            return global == null ? PolicyLayers.of(PolicyLayers.builtIn().global(), domains) : PolicyLayers.of(global, domains);
        } catch (InvalidPolicyException e) {
            // Admission compiled every set; this only happens if the code's rule kinds changed since.
            LOG.error("admitted policy sets no longer compile, judging with the built-in set: {}", e.getMessage());
            return PolicyLayers.builtIn();
        }
    }
}
