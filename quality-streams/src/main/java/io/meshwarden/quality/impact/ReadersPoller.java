package io.meshwarden.quality.impact;

import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.GrantReader;
import io.meshwarden.avro.GroupReader;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.CompactedView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the cluster, every {@link Settings#IMPACT_POLL_MS}, which consumer groups have committed
 * offsets on which topics and how far behind the end they are (Admin API: listGroups,
 * listConsumerGroupOffsets, listOffsets), adds the live read grants of the access workflow, and
 * writes to the compacted {@link Topics#READERS} topic, keyed by topic, what changed since the last
 * poll (lag included; a topic nobody reads any more gets an empty record). It runs on its own thread
 * so that no stream processor ever waits on the Admin API; the impact topology reads its topic as a
 * global table. Owners come from the catalog by naming convention ({@link ReaderOwners}).
 */
public final class ReadersPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadersPoller.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final KafkaProducer<String, TopicReaders> producer;
    private final Topic<String, TopicReaders> readers;
    private final CompactedView<DataProductContract> catalog;
    private final CompactedView<AccessRequest> grants;
    private final Clock clock;
    private final long intervalMs;
    private final Map<String, TopicReaders> published = new HashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "impact-readers-poller");
        thread.setDaemon(true);
        return thread;
    });

    public ReadersPoller(MeshwardenConfig config, Clock clock) {
        this.admin = Admin.create(config.adminProperties());
        this.readers = config.topics().topic(Topics.READERS);
        this.producer = new KafkaProducer<>(config.producerProperties("impact-readers-poller"), Serdes.String().serializer(),
                readers.valueSerde().serializer());
        this.catalog = new CompactedView<>(config, config.topics().topic(Topics.CATALOG), "impact-catalog-view", () -> { });
        this.grants = new CompactedView<>(config, config.topics().topic(Topics.ACCESS_REQUESTS), "impact-grants-view", () -> { });
        this.clock = clock;
        this.intervalMs = config.getLong(Settings.IMPACT_POLL_MS);
    }

    /** Starts polling at once and then every interval. */
    public ReadersPoller start() {
        catalog.start();
        grants.start();
        scheduler.scheduleWithFixedDelay(this::pollSafely, 0, intervalMs, TimeUnit.MILLISECONDS);
        LOG.info("impact readers poller: every {} ms to {}", intervalMs, readers.name());
        return this;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("impact readers poller: poll failed, trying again in {} ms: {}", intervalMs, e.toString());
        }
    }

    /** One poll: publishes what changed and returns the readers of every topic read now. */
    Map<String, TopicReaders> poll() {
        ReaderOwners owners = new ReaderOwners(catalog.values());
        Map<String, Map<String, Long>> lagByTopic = lagByTopicAndGroup();
        Map<String, List<GrantReader>> grantsByTopic = new TreeMap<>();
        for (AccessRequest grant : grants.values()) {
            if (io.meshwarden.avro.AccessState.APPROVED != grant.getState()
                    && io.meshwarden.avro.AccessState.PROVISIONED != grant.getState()) {
                continue;
            }
            Ownership owner = owners.of(grant.getPrincipal()).orElse(null);
            for (String topic : grant.getTopics()) {
                grantsByTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(new GrantReader(grant.getPrincipal(),
                        grant.getRequestId(), owner == null ? null : owner.getTeam(), grant.getRequestedBy()));
            }
        }
        Map<String, TopicReaders> now = new TreeMap<>();
        Set<String> topics = new java.util.TreeSet<>(lagByTopic.keySet());
        topics.addAll(grantsByTopic.keySet());
        for (String topic : topics) {
            List<GroupReader> groups = new ArrayList<>();
            lagByTopic.getOrDefault(topic, Map.of()).forEach((group, lag) -> {
                Ownership owner = owners.of(group).orElse(null);
                groups.add(new GroupReader(group, lag, owner == null ? null : owner.getTeam(), owner == null ? null : owner.getSteward(),
                        owners.productOf(group).orElse(null)));
            });
            now.put(topic, new TopicReaders(topic, groups, grantsByTopic.getOrDefault(topic, List.of()), clock.instant()));
        }
        for (String gone : new ArrayList<>(published.keySet())) {
            if (!now.containsKey(gone)) {
                send(gone, new TopicReaders(gone, List.of(), List.of(), clock.instant()));
                published.remove(gone);
            }
        }
        now.forEach((topic, read) -> {
            TopicReaders before = published.get(topic);
            if (before == null || !before.getGroups().equals(read.getGroups()) || !before.getGrants().equals(read.getGrants())) {
                send(topic, read);
                published.put(topic, read);
            }
        });
        producer.flush();
        return now;
    }

    /** Topic, then group, then the group's lag summed over the topic's partitions it committed. */
    private Map<String, Map<String, Long>> lagByTopicAndGroup() {
        try {
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new TreeMap<>();
            for (GroupListing group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                committed.put(group.groupId(), admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata()
                        .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            committed.values().forEach(offsets -> offsets.keySet().forEach(tp -> ends.put(tp, OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = ends.isEmpty() ? Map.of()
                    : admin.listOffsets(ends).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Map<String, Long>> lag = new TreeMap<>();
            committed.forEach((group, offsets) -> offsets.forEach((tp, offset) -> {
                if (offset == null) {
                    return;
                }
                long behind = end.containsKey(tp) ? Math.max(0, end.get(tp).offset() - offset.offset()) : 0;
                lag.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).merge(group, behind, Long::sum);
            }));
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling consumer groups", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot list consumer groups and their offsets: " + e, e);
        }
    }

    private void send(String topic, TopicReaders read) {
        producer.send(new ProducerRecord<>(readers.name(), topic, read));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catalog.close();
        grants.close();
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
