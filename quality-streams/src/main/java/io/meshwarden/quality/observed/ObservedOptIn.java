package io.meshwarden.quality.observed;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.properties.InvalidContractProperty;
import io.meshwarden.governance.provisioning.TopicProperties;

/**
 * Whether a contract opts its output topics into observed mode: its property {@code kafka.observed: "true"} (a
 * Meshwarden YAML {@code properties} entry or an ODCS custom property), as {@link TopicProperties} reads it. Governance
 * refuses a contract whose value does not parse; one that reached the catalog around it is not opted in.
 */
public final class ObservedOptIn {
    private ObservedOptIn() {
    }

    public static boolean of(DataProductContract contract) {
        try {
            return TopicProperties.of(contract.getProperties()).observed();
        } catch (InvalidContractProperty e) {
            return false;
        }
    }
}
