package io.meshwarden.bench.fault;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.Violation;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything the harness compares, read as a downstream consumer reads it: one {@code read_committed}
 * consumer (no group, every partition assigned, from the beginning) of the input changes, the
 * decisions, violations, dead letters and alerts, polled in a thread of its own. Each record is kept
 * decoded with the {@link System#nanoTime()} at which the harness saw it, for the pauses.
 */
final class Outputs implements AutoCloseable {

    /** A record as seen: what it says and when it arrived. */
    record Seen<T>(T value, long arrivedAt) {
    }

    /** A dead letter's original value and its reason and source topic headers. */
    record DeadLetterSeen(String value, String reason, String sourceTopic) {
    }

    private final TopicCatalog topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Seen<String>> inputChangeIds = new ArrayList<>();
    private final List<Seen<Decision>> decisions = new ArrayList<>();
    private final List<Seen<Violation>> violations = new ArrayList<>();
    private final List<Seen<DeadLetterSeen>> deadLetters = new ArrayList<>();
    private final List<Seen<Alert>> alerts = new ArrayList<>();
    private final Thread poller;
    private volatile RuntimeException failure;

    Outputs(String bootstrapServers, TopicCatalog topics) {
        this.topics = topics;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "fault-harness-outputs");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.name(Topics.CONTRACT_CHANGES), topics.name(Topics.DECISIONS),
                topics.name(Topics.VIOLATIONS), topics.name(Topics.DEAD_LETTER), topics.name(Topics.ALERTS))) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(60));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = new Thread(this::poll, "fault-outputs");
        poller.setDaemon(true);
        poller.start();
    }

    synchronized List<Seen<String>> inputChangeIds() {
        check();
        return List.copyOf(inputChangeIds);
    }

    synchronized List<Seen<Decision>> decisions() {
        check();
        return List.copyOf(decisions);
    }

    synchronized List<Seen<Violation>> violations() {
        check();
        return List.copyOf(violations);
    }

    synchronized List<Seen<DeadLetterSeen>> deadLetters() {
        check();
        return List.copyOf(deadLetters);
    }

    synchronized List<Seen<Alert>> alerts() {
        check();
        return List.copyOf(alerts);
    }

    synchronized int decisionCount() {
        return decisions.size();
    }

    private void poll() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    keep(record, System.nanoTime());
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private synchronized void keep(ConsumerRecord<byte[], byte[]> record, long at) {
        String topic = record.topic();
        if (topic.equals(topics.name(Topics.CONTRACT_CHANGES))) {
            inputChangeIds.add(new Seen<>(inputChangeId(record.value()), at));
        } else if (topic.equals(topics.name(Topics.DECISIONS))) {
            decisions.add(new Seen<>(EventCodec.of(Decision.class).decode(record.value()), at));
        } else if (topic.equals(topics.name(Topics.VIOLATIONS))) {
            violations.add(new Seen<>(EventCodec.of(Violation.class).decode(record.value()), at));
        } else if (topic.equals(topics.name(Topics.ALERTS))) {
            alerts.add(new Seen<>(EventCodec.of(Alert.class).decode(record.value()), at));
        } else {
            deadLetters.add(new Seen<>(new DeadLetterSeen(new String(record.value(), StandardCharsets.UTF_8),
                    DeadLetter.header(record.headers(), DeadLetter.REASON_HEADER),
                    DeadLetter.header(record.headers(), DeadLetter.TOPIC_HEADER)), at));
        }
    }

    /** The change id of an input record, or null for a poison record. */
    private static String inputChangeId(byte[] value) {
        try {
            return EventCodec.of(ContractChange.class).decode(value).getChangeId().toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException("the output consumer failed", failure);
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
