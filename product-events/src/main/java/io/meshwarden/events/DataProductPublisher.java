package io.meshwarden.events;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a domain's contract changes and metric events to the mesh. Every record is keyed by
 * its product id, so one product's events stay in order; the producer is idempotent with
 * {@code acks=all}, so a retry neither loses nor duplicates a record. Thread-safe; close it once.
 */
public final class DataProductPublisher implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final Topic<String, ContractChange> changes;
    private final Topic<String, MetricEvent> metrics;
    private final Clock clock;

    DataProductPublisher(Producer<String, byte[]> producer, TopicCatalog topics, Clock clock) {
        this.producer = producer;
        this.changes = topics.topic(Topics.CONTRACT_CHANGES);
        this.metrics = topics.topic(Topics.METRICS);
        this.clock = clock;
    }

    public static DataProductPublisher create(MeshwardenConfig config, String clientId) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config.producerProperties(clientId),
                new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
        return new DataProductPublisher(producer, config.topics(), Clock.systemUTC());
    }

    /** Publishes a new or changed contract; the returned change carries the id its decision will name. */
    public Publication<ContractChange> publishContract(DataProductContract contract, String publishedBy) {
        ContractChange change = ContractChange.newBuilder()
                .setChangeId(UUID.randomUUID().toString())
                .setProductId(contract.getId())
                .setPublishedBy(publishedBy)
                .setPublishedAt(clock.instant())
                .setContract(contract)
                .build();
        return new Publication<>(change, publishContractChange(change));
    }

    public CompletableFuture<RecordMetadata> publishContractChange(ContractChange change) {
        requireProductId(change.getProductId(), "productId");
        if (!change.getProductId().equals(change.getContract().getId())) {
            throw new IllegalArgumentException("change productId '" + change.getProductId()
                    + "' differs from its contract's id '" + change.getContract().getId() + "'");
        }
        return send(changes, change.getProductId(), change);
    }

    public CompletableFuture<RecordMetadata> publishMetric(MetricEvent metric) {
        requireProductId(metric.getProductId(), "productId");
        return send(metrics, metric.getProductId(), metric);
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    private <V> CompletableFuture<RecordMetadata> send(Topic<String, V> topic, String key, V value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic.name(), key, bytes), (metadata, error) -> {
            if (error != null) {
                sent.completeExceptionally(error);
            } else {
                sent.complete(metadata);
            }
        });
        return sent;
    }

    private static void requireProductId(String productId, String field) {
        if (Objects.requireNonNullElse(productId, "").isBlank()) {
            throw new IllegalArgumentException(field + " is required: it is the key that keeps a product's events in order");
        }
    }

    /** A published event and the broker's acknowledgement of it. */
    public record Publication<V>(V event, CompletableFuture<RecordMetadata> acknowledged) {
    }
}
