package {{package}};

import io.meshwarden.avro.MetricEvent;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.DataProductPublisher;
import io.meshwarden.schemas.AvroTrust;
import java.net.URI;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs one extraction: {@code java ... ExtractMain <source URL>}. Publishes the contract, pulls every
 * page, writes the product topic and publishes the run's metric event (records loaded, control totals). Settings (bootstrap servers,
 * security) come from the environment: MESHWARDEN_BOOTSTRAP_SERVERS, KAFKA_*.
 */
public final class ExtractMain {
    private ExtractMain() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensure();
        if (args.length != 1) {
            System.err.println("usage: ExtractMain <source URL>");
            System.exit(2);
        }
        MeshwardenConfig config = MeshwardenConfig.load(System.getenv(), Map.of());
        MetricEvent run = extract(config, new HttpSourceClient(URI.create(args[0])));
        try (DataProductPublisher publisher = DataProductPublisher.create(config, run.getProductId())) {
            publisher.publishMetric(run).join();
        }
        System.out.printf("%s: loaded %d records into %s%n", run.getProductId(), run.getRecordsLoaded(),
                ProductContract.load().outputTopic());
    }

    /** Publishes the contract, creates the product topic if need be and runs one extraction; its metric event, to publish. */
    public static MetricEvent extract(MeshwardenConfig config, SourceClient source) throws Exception {
        ProductContract contract = ProductContract.load();
        contract.publish(config);
        contract.createTopic(config, contract.outputTopic(), false);
        MetricEvent run;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config.producerProperties(contract.productId()),
                new StringSerializer(), new StringSerializer())) {
            run = new ExtractRun(contract).run(source, producer);
        }
        return run;
    }
}
