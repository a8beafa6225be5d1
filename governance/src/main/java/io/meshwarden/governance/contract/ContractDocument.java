package io.meshwarden.governance.contract;

import java.util.List;
import java.util.Map;

/**
 * A contract file in Meshwarden's YAML form (docs/contracts.md) as written, before its values are
 * checked: what Jackson binds a document to, so that a key not named here is refused. Single
 * values are kept as the text the user wrote; {@link ContractYaml} reads and checks them.
 */
record ContractDocument(String id, String domain, String name, String version, String status, Owner owner,
                        String description, String documentation, String classification, List<Port> outputPorts,
                        String schema, List<Field> fields, Guarantees guarantees, String retention, List<String> upstream,
                        List<String> tags, String sourcePlatform, String sunsetDate, String successor,
                        Map<String, String> properties) {

    record Owner(String team, String steward) {
    }

    record Port(String name, String topic, String format, String classification) {
    }

    record Field(String name, String type, String description, String pii, String required, String classification) {
    }

    record Guarantees(String completenessPercent, String freshness, String availabilityPercent,
                      String accuracyTolerancePercent, String window) {
    }
}
