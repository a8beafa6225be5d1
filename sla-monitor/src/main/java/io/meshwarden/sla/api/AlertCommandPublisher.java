package io.meshwarden.sla.api;

import io.meshwarden.avro.AlertCommand;
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
 * Writes operator commands to the alert-command topic, keyed by alert id, and waits for the broker
 * to acknowledge each, so that a 202 means the command is durable. The alert lifecycle applies it;
 * the API never changes an alert itself, so the state stays in Kafka.
 */
@Singleton
public class AlertCommandPublisher {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Topic<String, AlertCommand> topic;
    private final KafkaProducer<String, AlertCommand> producer;

    public AlertCommandPublisher(MeshwardenConfig config) {
        this.topic = config.topics().topic(Topics.ALERT_COMMANDS);
        this.producer = new KafkaProducer<>(config.producerProperties("meshwarden-sla-commands"),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public void publish(AlertCommand command) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), command.getAlertId(), command))
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
