package io.meshwarden.sla.api;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicSpec;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes the API's commands (alert actions, access decisions) to their topic, each keyed as its
 * processor partitions them, and waits for the broker's acknowledgement, so that a 202 means the
 * command is durable. The API never changes state itself: the processor reading the topic does,
 * so the state stays in Kafka.
 */
public final class CommandWriter<V> implements AutoCloseable {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Topic<String, V> topic;
    private final Function<V, String> key;
    private final KafkaProducer<String, V> producer;

    public CommandWriter(MeshwardenConfig config, TopicSpec<String, V> spec, String clientId, Function<V, String> key) {
        this.topic = config.topics().topic(spec);
        this.key = key;
        this.producer = new KafkaProducer<>(config.producerProperties(clientId), topic.keySerde().serializer(),
                topic.valueSerde().serializer());
    }

    public void write(V command) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), key.apply(command), command))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the command", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write the command to " + topic.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
