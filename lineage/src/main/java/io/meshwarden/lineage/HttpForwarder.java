package io.meshwarden.lineage;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the lineage topic to an OpenLineage endpoint, on a thread of its own, with a consumer in
 * the group {@code <meshwarden.application.id.prefix>-lineage-http} (committed records only) that
 * commits an offset only after its event was delivered or refused for good. The stream never waits
 * for the endpoint, and nothing is lost while it is down: after a delivery failed every attempt
 * ({@link HttpDelivery}), the forwarder commits what went before, waits the longest backoff, and
 * starts over from that event; a restart resumes from the committed offset. An event the endpoint
 * refuses with a 4xx is logged, counted and passed over, since sending it again cannot help.
 * Delivery is at least once: an endpoint may see an event again after a restart (OpenLineage
 * consumers take events as idempotent; a quality run's id is stable).
 */
final class HttpForwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpForwarder.class);
    static final String GROUP_SUFFIX = "lineage-http";

    private final Topic<String, String> topic;
    private final HttpDelivery delivery;
    private final KafkaConsumer<String, String> consumer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    HttpForwarder(MeshwardenConfig config, HttpDelivery delivery) {
        this.topic = config.topics().topic(Topics.LINEAGE);
        this.delivery = delivery;
        Properties properties = config.consumerProperties(GROUP_SUFFIX);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        // A batch may wait out an endpoint's retries; the group must not take the partitions away meanwhile.
        properties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "1800000");
        this.consumer = new KafkaConsumer<>(properties, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        this.thread = new Thread(this::run, "lineage-http-forwarder");
        thread.setDaemon(true);
    }

    HttpForwarder start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic.name()));
            while (running.get()) {
                forward(consumer.poll(Duration.ofMillis(500)));
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("lineage HTTP forwarder stopped; it resumes from its committed offsets on restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void forward(Iterable<ConsumerRecord<String, String>> records) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.value() == null || delivery.deliver(record.key(), record.value()) != HttpDelivery.Outcome.FAILED) {
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                continue;
            }
            commit(done);
            // Start over from the first undelivered event of every partition: what is now committed.
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
            for (TopicPartition assigned : consumer.assignment()) {
                OffsetAndMetadata next = committed.get(assigned);
                if (next != null) {
                    consumer.seek(assigned, next.offset());
                } else {
                    consumer.seekToBeginning(List.of(assigned));
                }
            }
            Thread.sleep(delivery.maxBackoff().toMillis());
            return;
        }
        commit(done);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
