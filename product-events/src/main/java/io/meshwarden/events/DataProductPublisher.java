package io.meshwarden.events;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
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
    private final Topic<String, PolicySet> policies;
    private final Clock clock;
    private final MeshwardenConfig config;

    DataProductPublisher(Producer<String, byte[]> producer, TopicCatalog topics, Clock clock) {
        this(producer, topics, clock, null);
    }

    private DataProductPublisher(Producer<String, byte[]> producer, TopicCatalog topics, Clock clock, MeshwardenConfig config) {
        this.producer = producer;
        this.changes = topics.topic(Topics.CONTRACT_CHANGES);
        this.metrics = topics.topic(Topics.METRICS);
        this.policies = topics.topic(Topics.POLICIES);
        this.clock = clock;
        this.config = config;
    }

    public static DataProductPublisher create(MeshwardenConfig config, String clientId) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config.producerProperties(clientId),
                new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
        return new DataProductPublisher(producer, config.topics(), Clock.systemUTC(), config);
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

    /** Publishes a policy set, keyed by its id, stamped with the publishing time. */
    public CompletableFuture<RecordMetadata> publishPolicySet(PolicySet set) {
        return send(policies, set.getId(), PolicySet.newBuilder(set).setPublishedAt(clock.instant()).build());
    }

    /**
     * Publishes policy sets and waits until governance has put each in force, so that contracts
     * published next are judged by them. Returns the {@code id@version} of the sets not in force
     * within the timeout (refused ones among them; their reasons are on the violation topic).
     */
    public List<String> publishPolicySetsAndAwait(List<PolicySet> sets, Duration timeout) {
        Objects.requireNonNull(config, "a publisher made by create(config, ...) can wait for policy sets");
        Set<String> pending = sets.stream().map(s -> s.getId() + "@" + s.getVersion()).collect(Collectors.toCollection(HashSet::new));
        try (TopicWaiter<PolicySet> inForce = new TopicWaiter<>(config, config.topics().topic(Topics.POLICIES_IN_FORCE), true)) {
            sets.forEach(this::publishPolicySet);
            flush();
            inForce.await(set -> pending.remove(set.getId() + "@" + set.getVersion()) && pending.isEmpty(), timeout);
        }
        return pending.stream().sorted().toList();
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
