package {{package}};

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.DataProductPublisher;
import io.meshwarden.governance.odcs.OdcsImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The product's contract ({@code src/main/resources/contract.odcs.yaml}) as governance reads it, and
 * the topics and settings it names: the pipeline takes every topic name from here, never a literal.
 */
public final class ProductContract {
    public static final String RESOURCE = "contract.odcs.yaml";

    private final DataProductContract contract;

    private ProductContract(DataProductContract contract) {
        this.contract = contract;
    }

    /** The contract on the classpath; a document governance would refuse fails here, naming the line. */
    public static ProductContract load() {
        try (InputStream in = ProductContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ProductContract(OdcsImporter.importContract(RESOURCE, text, null).contracts().get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DataProductContract contract() {
        return contract;
    }

    public String productId() {
        return contract.getId();
    }

    /** The product topic: the contract's first output port. */
    public String outputTopic() {
        return contract.getOutputPorts().get(0).getTopic();
    }

    /** A custom property of the contract; a missing one is an error naming it. */
    public String property(String name) {
        return Optional.ofNullable(contract.getProperties().get(name))
                .orElseThrow(() -> new IllegalStateException(RESOURCE + " has no custom property '" + name + "'"));
    }

    /** Creates a topic the contract names, unless it exists: compacted for a table (one record per key kept). */
    public void createTopic(MeshwardenConfig config, String topic, boolean compacted) {
        NewTopic newTopic = new NewTopic(topic, java.util.Optional.empty(), java.util.Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, compacted ? TopicConfig.CLEANUP_POLICY_COMPACT
                        : TopicConfig.CLEANUP_POLICY_DELETE));
        try (Admin admin = Admin.create(config.adminProperties())) {
            admin.createTopics(java.util.List.of(newTopic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    /** Publishes the contract to the mesh (what every start does), waiting for the broker to take it. */
    public void publish(MeshwardenConfig config) {
        try (DataProductPublisher publisher = DataProductPublisher.create(config, productId())) {
            publisher.publishContract(contract, productId()).acknowledged().join();
        }
    }
}
