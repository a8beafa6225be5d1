package io.meshwarden.events;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches one mesh topic, from its current end or from its beginning, for the first record that
 * matches, reading only committed records and joining no consumer group. Opened before publishing,
 * so that the answer to the publish cannot slip past it.
 */
public final class TopicWaiter<V> implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Topic<String, V> topic;
    private final Map<TopicPartition, Long> endAtOpen;

    public TopicWaiter(MeshwardenConfig config, Topic<String, V> topic) {
        this(config, topic, false);
    }

    public TopicWaiter(MeshwardenConfig config, Topic<String, V> topic, boolean fromBeginning) {
        Properties properties = config.consumerProperties("cli");
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // fixes the start now, before anything is published
        this.endAtOpen = fromBeginning ? consumer.endOffsets(partitions) : Map.of();
    }

    /** Whether every record that was on the topic when this waiter opened has been read. */
    public boolean caughtUp() {
        return endAtOpen.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    /** Polls once, up to {@code timeout}, and hands every record read to {@code each}. */
    public void read(Duration timeout, Consumer<V> each) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            each.accept(topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
        }
    }

    public Optional<V> await(Predicate<V> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                V value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
                if (match.test(value)) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    /** Raw records for tailing: key and value bytes with headers. */
    public Iterable<ConsumerRecord<String, byte[]>> poll(Duration timeout) {
        return consumer.poll(timeout);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
