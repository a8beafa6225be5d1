package io.meshwarden.access.reconcile;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest value per key of a compacted topic, read from its beginning by a consumer of its own
 * (assigned every partition, no group, no commits) on a thread of its own, and kept in memory. It
 * calls {@code onChange} after each batch that changed something. {@link #caughtUp} says whether it
 * has read up to where the topic ended when it started, so that the reconciler never judges ACLs by
 * a half-read list of grants. Undecodable values are skipped with a warning: the topic's own writer
 * (the access topology) only writes what it decoded.
 */
public final class CompactedView<V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedView.class);

    private final Topic<String, V> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Runnable onChange;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public CompactedView(MeshwardenConfig config, Topic<String, V> topic, String clientId, Runnable onChange) {
        this.topic = topic;
        this.onChange = onChange;
        Properties properties = config.consumerProperties(clientId);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, config.get(io.meshwarden.config.Settings.APPLICATION_ID_PREFIX) + "-" + clientId);
        this.consumer = new KafkaConsumer<>(properties, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        this.thread = new Thread(this::run, clientId);
        thread.setDaemon(true);
    }

    public CompactedView<V> start() {
        thread.start();
        return this;
    }

    public Collection<V> values() {
        return List.copyOf(values.values());
    }

    public V get(String key) {
        return values.get(key);
    }

    public boolean caughtUp() {
        return caughtUp.get();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            while (running.get()) {
                boolean changed = false;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    changed |= apply(record);
                }
                if (!caughtUp.get() && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    caughtUp.set(true);
                    changed = true;
                    LOG.info("view of {} caught up: {} keys", topic.name(), values.size());
                }
                if (changed && caughtUp.get()) {
                    onChange.run();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("view of {} stopped", topic.name(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private boolean apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return false;
        }
        if (record.value() == null) {
            return values.remove(record.key()) != null;
        }
        try {
            values.put(record.key(), topic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("view of {}: skipping the undecodable value of key {} at offset {}: {}", topic.name(), record.key(),
                    record.offset(), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
