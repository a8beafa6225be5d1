package io.meshwarden.kafka.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics from the beginning, as committed ({@code read_committed}), without a consumer
 * group, for tests that wait for output: {@code await().until(() -> tail.poll().size() >= 2)}.
 * Not thread-safe; use it from one thread at a time.
 */
public final class TopicTail implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    private TopicTail(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Tails every partition of these topics, which must exist. */
    public static TopicTail of(String bootstrapServers, String... topics) {
        return of(java.util.Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics);
    }

    /**
     * Tails these topics with these client properties, e.g. a secured broker's
     * {@link EmbeddedKafkaBroker#clientProperties(String) clientProperties} of a user allowed to read them.
     */
    public static TopicTail of(java.util.Map<String, ?> clientProperties, String... topics) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new TopicTail(consumer);
    }

    /** Polls once and returns every record read so far, in the order read. */
    public List<ConsumerRecord<byte[], byte[]>> poll() {
        consumer.poll(POLL).forEach(records::add);
        return List.copyOf(records);
    }

    /** Polls once and returns the records read so far from one topic. */
    public List<ConsumerRecord<byte[], byte[]>> poll(String topic) {
        return poll().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
