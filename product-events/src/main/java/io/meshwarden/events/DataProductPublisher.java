package io.meshwarden.events;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.PolicyApproval;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.DomainChangeTopics;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a domain's contract changes and metric events, and policy sets, to the mesh. Every
 * product record is keyed by its product id, so one product's events stay in order, and a policy
 * set by its id; the producer is idempotent with {@code acks=all}, so a retry neither loses nor
 * duplicates a record. A publisher made by {@link #create} can also wait for governance's answer
 * to policy sets ({@link #publishPolicySetsAndAwait}). Thread-safe; close it once.
 */
public final class DataProductPublisher implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final Topic<String, ContractChange> changes;
    private final Topic<String, MetricEvent> metrics;
    private final Topic<String, PolicySet> policies;
    private final Topic<String, PolicyApproval> approvals;
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
        this.approvals = topics.topic(Topics.POLICY_APPROVALS);
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
        return send(changeTopicOf(change), change.getProductId(), change);
    }

    /** The domain's own change topic when {@link Settings#CHANGES_PER_DOMAIN} is on, else the shared one. */
    private Topic<String, ContractChange> changeTopicOf(ContractChange change) {
        if (config == null || !Boolean.parseBoolean(config.get(Settings.CHANGES_PER_DOMAIN))) {
            return changes;
        }
        return new DomainChangeTopics(config.topics()).of(change.getContract().getDomain());
    }

    public CompletableFuture<RecordMetadata> publishMetric(MetricEvent metric) {
        requireProductId(metric.getProductId(), "productId");
        return send(metrics, metric.getProductId(), metric);
    }

    /** Publishes a policy set, keyed by its id, stamped with the publishing time. */
    public CompletableFuture<RecordMetadata> publishPolicySet(PolicySet set) {
        PolicySet published = stamped(set);
        return send(policies, published.getId(), published);
    }

    private PolicySet stamped(PolicySet set) {
        return PolicySet.newBuilder(set).setPublishedAt(clock.instant()).build();
    }

    /**
     * Publishes policy sets one at a time, in the order given (global sets first, as governance
     * judges a domain set against the global set in force), and waits for governance's answer to
     * each before publishing the next, as a contract's publisher waits for its decision: in force,
     * refused with the reason, or unanswered when {@code timeout} (for all of them together) runs
     * out; the sets after that are still sent and get one last look for an answer. One outcome per
     * set, in the order given.
     */
    public List<PolicySetOutcome> publishPolicySetsAndAwait(List<PolicySet> sets, Duration timeout) {
        Objects.requireNonNull(config, "a publisher made by create(config, ...) can wait for policy sets");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<PolicySetOutcome> outcomes = new ArrayList<>();
        try (PolicySetAnswers answers = new PolicySetAnswers(config)) {
            for (PolicySet set : sets) {
                PolicySet published = stamped(set);
                CompletableFuture<RecordMetadata> sent = send(policies, published.getId(), published);
                flush();
                sent.join(); // a set the broker did not take is an error, not an unanswered set
                outcomes.add(answers.await(published, Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
            }
        }
        return outcomes;
    }

    /**
     * Publishes a steward's approval of the held proposal {@code setId@version} (a global set that
     * loosens the one in force) and waits up to {@code timeout} for that version to go in force: it
     * does once enough distinct stewards approved. Unanswered means it is still held (more approvals
     * are needed) or the approval did not count, which governance reports as a {@code policy-set.approval}
     * violation.
     */
    public PolicySetOutcome approvePolicySetAndAwait(String setId, String version, String approver, String comment,
                                                     Duration timeout) {
        Objects.requireNonNull(config, "a publisher made by create(config, ...) can wait for policy sets");
        PolicyApproval approval = PolicyApproval.newBuilder().setApprovalId(UUID.randomUUID().toString())
                .setPolicySetId(setId).setVersion(version).setApprover(approver).setComment(comment)
                .setApprovedAt(clock.instant()).build();
        try (PolicySetAnswers answers = new PolicySetAnswers(config)) {
            CompletableFuture<RecordMetadata> sent = send(approvals, setId, approval);
            flush();
            sent.join();
            return answers.awaitVersion(setId, version, timeout);
        }
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
