package io.meshwarden.quality.provisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The Admin API calls of provisioning, and nothing else: describes product topics (describeTopics, describeConfigs)
 * and applies a {@link TopicPlan} (createTopics, createPartitions, incrementalAlterConfigs with SET only). It never
 * deletes a topic, removes a setting or lowers a partition count.
 */
final class ClusterTopics {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    ClusterTopics(Admin admin) {
        this.admin = admin;
    }

    /** Each of these topics as the cluster has it; absent from the map when it does not exist. */
    Map<String, ActualTopic> describe(Collection<String> topics) {
        Map<String, TopicDescription> described = new HashMap<>();
        admin.describeTopics(topics).topicNameValues().forEach((name, future) -> {
            try {
                described.put(name, await(future));
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        });
        if (described.isEmpty()) {
            return Map.of();
        }
        List<ConfigResource> resources = new ArrayList<>();
        described.keySet().forEach(name -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, name)));
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all());
        Map<String, ActualTopic> actual = new HashMap<>();
        described.forEach((name, description) -> {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            actual.put(name, new ActualTopic(description.partitions().size(),
                    description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size(),
                    Long.parseLong(value(config, TopicConfig.RETENTION_MS_CONFIG).orElse("-1")),
                    ActualTopic.normalisedPolicy(value(config, TopicConfig.CLEANUP_POLICY_CONFIG).orElse("delete")),
                    Integer.parseInt(value(config, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).orElse("1"))));
        });
        return actual;
    }

    /** Makes the plan's changes to the topic. */
    void apply(DesiredTopic want, TopicPlan plan) {
        if (plan.create()) {
            NewTopic topic = new NewTopic(want.topic(), Optional.of(want.partitions()), Optional.of(want.replication().factor()))
                    .configs(plan.configs());
            try {
                await(admin.createTopics(List.of(topic)).all());
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return;
        }
        plan.partitions().ifPresent(count -> await(admin.createPartitions(Map.of(want.topic(), NewPartitions.increaseTo(count))).all()));
        if (!plan.configs().isEmpty()) {
            List<AlterConfigOp> ops = plan.configs().entrySet().stream()
                    .map(entry -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()), AlterConfigOp.OpType.SET))
                    .toList();
            await(admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, want.topic()), ops)).all());
        }
    }

    private static Optional<String> value(Config config, String name) {
        ConfigEntry entry = config == null ? null : config.get(name);
        return entry == null || entry.value() == null ? Optional.empty() : Optional.of(entry.value());
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the Admin API", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Admin API did not answer within " + CALL_TIMEOUT, e);
        }
    }
}
