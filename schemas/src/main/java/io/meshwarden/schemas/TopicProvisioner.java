package io.meshwarden.schemas;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a component needs if they do not exist yet, with the configured partitions,
 * the {@link Replication} (factor and {@code min.insync.replicas}), and compaction where the
 * catalog says so. Existing topics are left as they are.
 */
public final class TopicProvisioner {
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
            return missing.stream().map(NewTopic::name).collect(java.util.stream.Collectors.toSet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
        }
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
