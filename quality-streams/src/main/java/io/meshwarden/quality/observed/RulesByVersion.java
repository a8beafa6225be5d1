package io.meshwarden.quality.observed;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.quality.catalog.Guarantees;
import io.meshwarden.quality.rules.ContractRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The quality rules and declared measures of each product's current contract version, compiled once
 * per version rather than once per record (a rule's regular expression costs more than the record's
 * measurement, the measures are read from the product schema). Holds one entry per product this task has
 * seen records of.
 */
final class RulesByVersion {
    /** What a record of one contract version is measured by. */
    record Compiled(String version, ContractRules rules, List<String> measures) {
    }

    private final Map<String, Compiled> byProduct = new HashMap<>();

    Compiled of(DataProductContract contract) {
        Compiled compiled = byProduct.get(contract.getId());
        if (compiled == null || !compiled.version().equals(contract.getVersion())) {
            Guarantees guarantees = Guarantees.of(contract);
            compiled = new Compiled(contract.getVersion(), guarantees.rules(), guarantees.measures());
            byProduct.put(contract.getId(), compiled);
        }
        return compiled;
    }
}
