package io.meshwarden.lineage;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import java.util.List;
import java.util.Optional;

/**
 * How a data product's Kafka topics are named as OpenLineage datasets, after the spec's naming
 * conventions for Kafka: namespace {@code kafka://<host>:<port>} of the cluster's first bootstrap
 * server (any security-protocol prefix dropped), name the topic. {@link Settings#LINEAGE_NAMESPACE}
 * overrides the namespace when the bootstrap address is not the one lineage tools know the cluster by.
 */
public record KafkaDatasets(String namespace) {

    public static KafkaDatasets of(MeshwardenConfig config) {
        String configured = config.get(Settings.LINEAGE_NAMESPACE).trim();
        return new KafkaDatasets(configured.isEmpty() ? namespaceOf(config.bootstrapServers()) : configured);
    }

    /** {@code kafka://host:port} of the first of {@code bootstrapServers}. */
    static String namespaceOf(String bootstrapServers) {
        String first = bootstrapServers.split(",")[0].trim();
        int scheme = first.indexOf("://");
        return "kafka://" + (scheme < 0 ? first : first.substring(scheme + 3));
    }

    /** The output ports of the product, each a dataset named by its topic. */
    static List<OutputPort> ports(DataProductContract contract) {
        return contract.getOutputPorts() == null ? List.of() : List.copyOf(contract.getOutputPorts());
    }

    /**
     * The dataset whose quality a snapshot measures: the product's first output port (quality-streams
     * measures the product as a whole, not port by port).
     */
    static Optional<OutputPort> measuredPort(DataProductContract contract) {
        return ports(contract).stream().findFirst();
    }
}
