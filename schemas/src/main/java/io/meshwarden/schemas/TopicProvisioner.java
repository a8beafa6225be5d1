package io.meshwarden.schemas;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topics a component needs if they do not exist yet, with the configured partitions,
 * the {@link Replication} (factor and {@code min.insync.replicas}), and compaction where the
 * catalog says so. Existing topics are left as they are.
 *
 * <p>A created topic is returned only once the cluster's metadata shows a leader for each of its partitions: the
 * controller acknowledges a creation before every broker knows the topic, and a Kafka Streams global store that
 * starts on a broker that does not know it yet fails for good ("There are no partitions available for topic").
 */
public final class TopicProvisioner {
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
    private static final Duration VISIBLE_POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final int partitions;
    private final Replication replication;

    public TopicProvisioner(Admin admin, int partitions, Replication replication) {
        this.admin = admin;
        this.partitions = partitions;
        this.replication = replication;
    }

    /** With this replication factor exactly. */
    public TopicProvisioner(Admin admin, int partitions, short replicationFactor) {
        this(admin, partitions, Replication.of(replicationFactor));
    }

    /** Creates the missing ones among these topics and returns the names it created. */
    public Set<String> ensure(Collection<Topic<?, ?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).map(this::newTopic).toList();
            if (missing.isEmpty()) {
                return Set.of();
            }
            admin.createTopics(missing).values().forEach((name, future) -> awaitCreated(name, future));
            Set<String> created = missing.stream().map(NewTopic::name).collect(java.util.stream.Collectors.toSet());
            awaitLeaders(created);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Waits until the metadata shows every partition of these topics with a leader, up to {@link #VISIBLE_WITHIN}. */
    private void awaitLeaders(Set<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        String missing = String.join(", ", topics);
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
                if (described.values().stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null))) {
                    return;
                }
                missing = "partitions without a leader";
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe the created topics: " + e.getCause().getMessage(), e.getCause());
                }
            }
            Thread.sleep(VISIBLE_POLL.toMillis()); // backoff between metadata requests while the brokers catch up
        }
        throw new IllegalStateException("created topics not visible with leaders within " + VISIBLE_WITHIN + ": " + missing);
    }

    private NewTopic newTopic(Topic<?, ?> topic) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replication.minInSync()));
        if (topic.compacted()) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        return new NewTopic(topic.name(), Optional.of(partitions), Optional.of(replication.factor())).configs(configs);
    }

    private static void awaitCreated(String name, org.apache.kafka.common.KafkaFuture<Void> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
    }
}
