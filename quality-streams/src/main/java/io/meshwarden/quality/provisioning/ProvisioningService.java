package io.meshwarden.quality.provisioning;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.governance.properties.InvalidContractProperty;
import io.meshwarden.quality.provisioning.TopicPlan.Pass;
import io.meshwarden.schemas.DomainChangeTopics;
import io.meshwarden.schemas.Replication;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicProvisioner;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.violation.ViolationRule;
import io.meshwarden.streams.CompactedView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions the Kafka output topics of accepted contracts (docs/operations.md, "Product topics provisioned from
 * contracts"). It reads the catalog ({@link Topics#CATALOG}) into a {@link CompactedView} and, whenever it changes and
 * every {@code meshwarden.provisioning.interval.ms}, compares each port's {@link DesiredTopic} with the cluster and
 * applies the {@link TopicPlan} through the Admin API ({@link ClusterTopics}); what it refuses or finds drifted goes to
 * {@link Topics#VIOLATIONS}, keyed by product id ({@link ProvisioningLedger}). The open breaches are kept in the compacted
 * {@link Topics#PROVISIONING_FINDINGS} (a tombstone at each recovery) and read back before the first pass, so that a
 * refusal or drift resolved while the service was down recovers at its first pass. One thread, its own; no stream
 * processor waits on the Admin API. It creates the catalog, violation and findings topics if they are missing. A retired product's topics are left as they are; nothing is ever deleted.
 * With {@code meshwarden.provisioning.enabled} off it runs nothing.
 */
public final class ProvisioningService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningService.class);
    /**
     * How long after provisioning changed a topic its description is not judged: right after createTopics or
     * incrementalAlterConfigs, describeConfigs may still answer the values from before, which would be drift that is not.
     */
    static final Duration SETTLE = Duration.ofSeconds(5);

    private final MeshwardenConfig config;
    private final Admin admin;
    private final ClusterTopics cluster;
    private final Topic<String, Violation> violations;
    private final Topic<String, Violation> findings;
    private final KafkaProducer<String, Violation> producer;
    private final CompactedView<DataProductContract> catalog;
    private final CompactedView<Violation> openFindings;
    private boolean restored;
    private final Predicate<String> reserved;
    private final Clock clock;
    private final int defaultPartitions;
    private final boolean correctDrift;
    private final long intervalMs;
    private final ProvisioningLedger ledger = new ProvisioningLedger();
    private final Map<String, String> provisionedVersion = new HashMap<>();
    private final Map<String, Set<String>> refused = new HashMap<>();
    private final Map<String, Instant> changedAt = new HashMap<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "product-topic-provisioning");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Replication replication;

    private ProvisioningService(MeshwardenConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.defaultPartitions = config.getInt(Settings.PROVISIONING_PARTITIONS);
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException(Settings.PROVISIONING_PARTITIONS.key() + " must be at least 1; was " + defaultPartitions);
        }
        this.intervalMs = config.getLong(Settings.PROVISIONING_INTERVAL_MS);
        if (intervalMs <= 0) {
            throw new IllegalArgumentException(Settings.PROVISIONING_INTERVAL_MS.key() + " must be positive; was " + intervalMs);
        }
        this.correctDrift = Boolean.parseBoolean(config.get(Settings.PROVISIONING_CORRECT_DRIFT));
        this.admin = Admin.create(config.adminProperties());
        this.cluster = new ClusterTopics(admin);
        this.violations = config.topics().topic(Topics.VIOLATIONS);
        this.findings = config.topics().topic(Topics.PROVISIONING_FINDINGS);
        this.producer = new KafkaProducer<>(config.producerProperties("product-topic-provisioning"), Serdes.String().serializer(),
                violations.valueSerde().serializer());
        this.catalog = new CompactedView<>(config, config.topics().topic(Topics.CATALOG), "provisioning-catalog-view", this::queue);
        this.openFindings = new CompactedView<>(config, findings, "provisioning-findings-view", this::queue);
        this.reserved = reservedTopics(config);
    }

    /** Starts provisioning, or nothing with {@code meshwarden.provisioning.enabled} off. */
    public static Optional<ProvisioningService> start(MeshwardenConfig config) {
        if (!Boolean.parseBoolean(config.get(Settings.PROVISIONING_ENABLED))) {
            return Optional.empty();
        }
        ProvisioningService service = new ProvisioningService(config, Clock.systemUTC());
        service.replication = Replication.decide(config.getInt(Settings.TOPIC_REPLICATION_FACTOR), service.admin);
        new TopicProvisioner(service.admin, config.getInt(Settings.TOPIC_PARTITIONS), service.replication)
                .ensure(List.of(config.topics().topic(Topics.CATALOG), service.violations, service.findings));
        service.openFindings.start();
        service.catalog.start();
        service.scheduler.scheduleWithFixedDelay(service::passSafely, service.intervalMs, service.intervalMs, TimeUnit.MILLISECONDS);
        LOG.info("provisioning: the output topics of the contracts in {}, checked every {} ms; drift correction {}",
                service.catalog.topicName(), service.intervalMs, service.correctDrift ? "on" : "off");
        return Optional.of(service);
    }

    /** Meshwarden's own topics (and Kafka Streams' internal ones): never a product's to shape. */
    private static Predicate<String> reservedTopics(MeshwardenConfig config) {
        Set<String> own = new HashSet<>();
        config.topics().all().forEach(topic -> own.add(topic.name()));
        Pattern changes = new DomainChangeTopics(config.topics()).all();
        String internal = config.get(Settings.APPLICATION_ID_PREFIX) + "-";
        return topic -> own.contains(topic) || changes.matcher(topic).matches() || topic.startsWith(internal);
    }

    /** A pass soon, at most one waiting: the catalog changed. */
    private void queue() {
        if (queued.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                queued.set(false);
                passSafely();
            });
        }
    }

    private void passSafely() {
        try {
            pass();
        } catch (RuntimeException e) {
            LOG.warn("provisioning: pass failed, trying again in {} ms: {}", intervalMs, e.toString());
        }
    }

    /** One pass over the catalog: every accepted contract's topics made to match it where safe, and the findings sent. */
    private void pass() {
        if (!catalog.caughtUp() || !openFindings.caughtUp()) {
            return;
        }
        if (!restored) {
            // Written by this service alone: once read, the ledger holds what the topic says, and the view is done.
            openFindings.values().forEach(ledger::restore);
            restored = true;
            LOG.info("provisioning: {} open findings restored from {}", openFindings.values().size(), findings.name());
            openFindings.close();
        }
        Map<String, DataProductContract> products = new TreeMap<>();
        catalog.values().stream().filter(contract -> contract.getStatus() != ProductStatus.RETIRED)
                .forEach(contract -> products.put(contract.getId(), contract));
        Map<String, List<DesiredTopic>> desired = new LinkedHashMap<>();
        Map<String, String> owner = new HashMap<>();
        products.forEach((id, contract) -> {
            try {
                List<DesiredTopic> topics = DesiredTopic.of(contract, defaultPartitions, replication);
                desired.put(id, topics);
                topics.forEach(topic -> owner.putIfAbsent(topic.topic(), id));
            } catch (InvalidContractProperty e) {
                // Governance refuses such a contract; one in the catalog was written around it.
                LOG.warn("provisioning: {} skipped, its contract cannot be read: {}", id, e.getMessage());
            }
        });
        Map<String, ActualTopic> actual = cluster.describe(owner.keySet().stream().filter(reserved.negate()).toList());
        desired.forEach((id, topics) -> provision(products.get(id), topics, owner, actual));
        for (String gone : ledger.products()) {
            if (!desired.containsKey(gone)) {
                ledger.forget(gone, clock.instant()).forEach(this::send);
                provisionedVersion.remove(gone);
            }
        }
        producer.flush();
    }

    private void provision(DataProductContract contract, List<DesiredTopic> topics, Map<String, String> owner,
                           Map<String, ActualTopic> actual) {
        Pass pass = contract.getVersion().equals(provisionedVersion.get(contract.getId())) ? Pass.CHECK : Pass.ACCEPTED;
        List<Finding> findings = new ArrayList<>();
        Set<String> unjudged = new HashSet<>();
        boolean applied = true;
        for (DesiredTopic topic : topics) {
            Instant changed = changedAt.get(topic.topic());
            if (pass == Pass.CHECK && changed != null && clock.instant().isBefore(changed.plus(SETTLE))) {
                unjudged.add(topic.topic());
                continue;
            }
            if (reserved.test(topic.topic()) || !owner.get(topic.topic()).equals(contract.getId())) {
                String whose = reserved.test(topic.topic()) ? "Meshwarden's own" : "the output of " + owner.get(topic.topic());
                findings.add(new Finding(ViolationRule.provisioningRefused("topic"), topic.topic(), "topic", topic.topic(),
                        topic.topic(), "topic " + topic.topic() + " is " + whose + ": not provisioned for " + contract.getId()));
                continue;
            }
            Set<String> refusedBefore = pass == Pass.ACCEPTED ? Set.of() : refused.getOrDefault(topic.topic(), Set.of());
            TopicPlan plan = TopicPlan.of(topic, Optional.ofNullable(actual.get(topic.topic())), pass, correctDrift, refusedBefore);
            try {
                if (plan.changes()) {
                    cluster.apply(topic, plan);
                    changedAt.put(topic.topic(), clock.instant());
                    LOG.info("provisioning: {} {} for {} {}: partitions {}, {}", plan.create() ? "created" : "updated", topic.topic(),
                            contract.getId(), contract.getVersion(), plan.partitions().isPresent() ? plan.partitions().getAsInt() : "kept",
                            plan.configs());
                }
            } catch (IllegalStateException e) {
                applied = false;
                LOG.warn("provisioning: cannot provision {} for {}, trying again at the next pass: {}", topic.topic(),
                        contract.getId(), e.getMessage());
            }
            if (pass == Pass.ACCEPTED) {
                refused.put(topic.topic(), plan.refused());
            }
            findings.addAll(plan.findings());
        }
        if (applied) {
            provisionedVersion.put(contract.getId(), contract.getVersion());
        }
        ledger.update(contract.getId(), contract.getDomain(), contract.getVersion(), findings, unjudged, clock.instant())
                .forEach(this::send);
    }

    /**
     * The violation, then its finding kept (a breach) or dropped (a recovery). Not one transaction: a crash between the
     * two sends at worst repeats a breach (same id, deduplicated downstream) or misses a recovery of a finding that
     * was resolved in that instant.
     */
    private void send(Violation violation) {
        producer.send(new ProducerRecord<>(violations.name(), violation.getProductId(), violation));
        producer.send(new ProducerRecord<>(findings.name(), ProvisioningLedger.key(violation),
                violation.getStatus() == ViolationStatus.BREACH ? violation : null));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catalog.close();
        if (!restored) {
            openFindings.close();
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
