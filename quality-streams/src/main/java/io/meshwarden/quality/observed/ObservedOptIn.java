package io.meshwarden.quality.observed;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.governance.properties.InvalidContractProperty;
import io.meshwarden.governance.provisioning.TopicProperties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which output topics a contract opts into observed mode, as {@link TopicProperties} reads its properties: every one
 * with {@code kafka.observed: "true"} (a Meshwarden YAML {@code properties} entry or an ODCS document's custom
 * property), else those of the ports {@code kafka.observed.ports} names (what an ODCS server's own
 * {@code kafka.observed: true} imports as). Governance refuses a contract whose value does not parse; one that reached
 * the catalog around it opts nothing in.
 */
public final class ObservedOptIn {
    private ObservedOptIn() {
    }

    /** The topics of the contract's opted-in output ports; empty when it opts none in. */
    public static Set<String> topics(DataProductContract contract) {
        TopicProperties properties;
        try {
            properties = TopicProperties.of(contract.getProperties());
        } catch (InvalidContractProperty e) {
            return Set.of();
        }
        Set<String> topics = new TreeSet<>();
        for (OutputPort port : contract.getOutputPorts()) {
            if (properties.observes(port.getName())) {
                topics.add(port.getTopic());
            }
        }
        return topics;
    }
}
