package io.meshwarden.streams;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
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
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest value per key of a compacted topic that another service writes, held in memory by a
 * process that needs all of it and no Streams application: read from its beginning by a consumer of its
 * own (every partition assigned, no group, no commits, committed records only) on a thread of its own.
 * It waits for the topic to exist, calls {@code onChange} after each batch that changed something once
 * it has caught up, and {@link #caughtUp} says whether it has read up to where the topic ended when it
 * was first read, so that nobody judges by half of it. A value that does not decode is skipped with a
 * warning: the topic's writer only writes what it decoded itself, so such a value is not input to
 * dead-letter but a deployment fault to see in the log.
 */
public final class CompactedView<V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedView.class);
    private static final Duration TOPIC_POLL = Duration.ofSeconds(1);

    private final Topic<String, V> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Runnable onChange;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    /** @param name the thread's name and the consumer's client id suffix */
    public CompactedView(MeshwardenConfig config, Topic<String, V> topic, String name, Runnable onChange) {
        this.topic = topic;
        this.onChange = onChange;
        Properties properties = config.consumerProperties(name);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, config.get(Settings.APPLICATION_ID_PREFIX) + "-" + name);
        this.consumer = new KafkaConsumer<>(properties, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    public CompactedView<V> start() {
        thread.start();
        return this;
    }

    /** Every value now. */
    public Collection<V> values() {
        return List.copyOf(values.values());
    }

    public V get(String key) {
        return values.get(key);
    }

    public boolean caughtUp() {
        return caughtUp.get();
    }

    public String topicName() {
        return topic.name();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
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
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("view of {} stopped", topic.name(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The topic's partitions, once its owner has created it. */
    private List<TopicPartition> partitions() throws InterruptedException {
        while (running.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            Thread.sleep(TOPIC_POLL.toMillis()); // no event announces a new topic
        }
        throw new InterruptedException("closed before " + topic.name() + " existed");
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
