package io.meshwarden.access.reconcile;

import io.meshwarden.access.AccessAudit;
import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessCommand;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * {@link AuditLog} on Kafka: the reconciler's audit events to {@code mesh.access.audit} (keyed like the
 * topology's, {@link AccessAudit#keyOf}), and its PROVISIONED reports to {@code access.commands}
 * (keyed by request id). Each write waits for the broker, so that an audit event is durable before the
 * report that follows it, and the trail of one request stays in order on its partition.
 */
public final class KafkaAuditLog implements AuditLog {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Topic<String, AccessAuditEvent> audit;
    private final Topic<String, AccessCommand> commands;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaAuditLog(MeshwardenConfig config) {
        this.audit = config.topics().topic(Topics.ACCESS_AUDIT);
        this.commands = config.topics().topic(Topics.ACCESS_COMMANDS);
        this.producer = new KafkaProducer<>(config.producerProperties("meshwarden-access-reconciler"),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    @Override
    public void write(AccessAuditEvent event) {
        send(audit.name(), AccessAudit.keyOf(event), audit.valueSerde().serializer().serialize(audit.name(), event));
    }

    @Override
    public void command(AccessCommand command) {
        send(commands.name(), command.getRequestId(), commands.valueSerde().serializer().serialize(commands.name(), command));
    }

    private void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
