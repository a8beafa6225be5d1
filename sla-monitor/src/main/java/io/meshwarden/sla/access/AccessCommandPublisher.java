package io.meshwarden.sla.access;

import io.meshwarden.avro.AccessCommand;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes access commands to {@code access.commands}, keyed by request id, and waits for the broker's
 * acknowledgement, so that a 202 means the command is durable. The access service applies it; the API
 * never changes a request itself.
 */
@Singleton
public class AccessCommandPublisher {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Topic<String, AccessCommand> topic;
    private final KafkaProducer<String, AccessCommand> producer;

    public AccessCommandPublisher(MeshwardenConfig config) {
        this.topic = config.topics().topic(Topics.ACCESS_COMMANDS);
        this.producer = new KafkaProducer<>(config.producerProperties("meshwarden-sla-access-commands"),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public void publish(AccessCommand command) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), command.getRequestId(), command))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the command", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write the command to " + topic.name() + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
