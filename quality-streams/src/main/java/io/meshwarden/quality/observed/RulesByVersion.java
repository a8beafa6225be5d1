package io.meshwarden.quality.observed;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.quality.rules.ContractRules;
import java.util.HashMap;
import java.util.Map;

/**
 * The quality rules of each product's current contract version, compiled once per version rather
 * than once per record (a rule's regular expression costs more than the record's measurement).
 * Holds one entry per product this task has seen records of.
 */
final class RulesByVersion {
    private record Compiled(String version, ContractRules rules) {
    }

    private final Map<String, Compiled> byProduct = new HashMap<>();

    ContractRules of(DataProductContract contract) {
        Compiled compiled = byProduct.get(contract.getId());
        if (compiled == null || !compiled.version().equals(contract.getVersion())) {
            compiled = new Compiled(contract.getVersion(), ContractRules.of(contract));
            byProduct.put(contract.getId(), compiled);
        }
        return compiled.rules();
    }
}
