package {{package}};

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.AvroTrust;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * Runs the pipeline ({@link {{topologyClass}}}) until SIGTERM: publishes the contract, creates the
 * topics it names if they are missing, and runs the topology exactly-once (a crash loses and
 * duplicates nothing). Settings come from the environment: MESHWARDEN_BOOTSTRAP_SERVERS, KAFKA_*.
 */
public final class StreamApp implements AutoCloseable {
    private final KafkaStreams streams;

    private StreamApp(KafkaStreams streams) {
        this.streams = streams;
    }

    public static StreamApp start(MeshwardenConfig config) {
        ProductContract contract = ProductContract.load();
        contract.publish(config);
        for (String topic : new String[] {contract.property("pipeline.input-topic"), contract.outputTopic(),
                contract.property("pipeline.dead-letter-topic")}) {
            contract.createTopic(config, topic, false);
        }
        StreamsBuilder builder = new StreamsBuilder();
        {{topologyClass}}.build(builder, contract);
        Properties properties = config.streamsProperties(contract.productId());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // What the exception handlers catch (whatever the topology's own dead-letter branch did not) goes here too.
        properties.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, contract.property("pipeline.dead-letter-topic"));
        KafkaStreams streams = new KafkaStreams(builder.build(properties), properties);
        streams.setUncaughtExceptionHandler(e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        streams.start();
        return new StreamApp(streams);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }

    public static void main(String[] args) throws InterruptedException {
        AvroTrust.ensure();
        MeshwardenConfig config = MeshwardenConfig.load(System.getenv(), Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        StreamApp app = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "pipeline-shutdown"));
        ProductContract contract = ProductContract.load();
        System.out.printf("%s running against %s; reads %s, writes %s and %s%n", contract.productId(), config.bootstrapServers(),
                contract.property("pipeline.input-topic"), contract.outputTopic(), contract.property("pipeline.dead-letter-topic"));
        stopped.await();
    }
}
