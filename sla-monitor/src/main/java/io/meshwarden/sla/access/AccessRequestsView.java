package io.meshwarden.sla.access;

import io.meshwarden.avro.AccessRequest;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import io.micronaut.http.HttpStatus;
import io.meshwarden.sla.api.RequestRejectedException;
import jakarta.annotation.PreDestroy;
import io.micronaut.context.annotation.Context;
import java.time.Duration;
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
 * Every access request as the access service last wrote it: the compacted {@code access.requests} topic
 * read from its beginning by a consumer of this instance's own (every partition assigned, no group),
 * kept in memory. Every instance holds all of it, so the access API answers locally, without routing.
 * The access service owns the topic: until it exists and has been read to where it ended at start,
 * {@link #all()} answers 503 rather than an incomplete list. Only the access service writes it, so a
 * value that does not decode is skipped with a warning rather than stopping the view.
 */
@Context // read from start-up on, so that the first request finds it complete
public class AccessRequestsView {
    private static final Logger LOG = LoggerFactory.getLogger(AccessRequestsView.class);

    private final Topic<String, AccessRequest> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, AccessRequest> requests = new ConcurrentHashMap<>();
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public AccessRequestsView(MeshwardenConfig config) {
        this.topic = config.topics().topic(Topics.ACCESS_REQUESTS);
        Properties properties = config.consumerProperties("sla-access-view");
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(properties, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        this.thread = new Thread(this::run, "sla-access-requests-view");
        thread.setDaemon(true);
        thread.start();
    }

    /** Every request; 503 while the view is not complete. */
    public List<AccessRequest> all() {
        if (!caughtUp.get()) {
            throw new RequestRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "access.requests",
                    "the access requests are still being read from " + topic.name() + " (or the access service has not created it)");
        }
        return List.copyOf(requests.values());
    }

    /** One request, or null; 503 while the view is not complete. */
    public AccessRequest get(String requestId) {
        all();
        return requests.get(requestId);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                if (!caughtUp.get() && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    caughtUp.set(true);
                    LOG.info("access requests view caught up with {}: {} requests", topic.name(), requests.size());
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("access requests view of {} stopped", topic.name(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The topic's partitions, waiting for the access service to create it. */
    private List<TopicPartition> partitions() throws InterruptedException {
        while (running.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            Thread.sleep(1_000); // polling for the topic to appear: no event announces it
        }
        throw new InterruptedException("closed before " + topic.name() + " existed");
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            requests.remove(record.key());
            return;
        }
        try {
            requests.put(record.key(), topic.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            LOG.warn("access requests view: skipping the undecodable value of {} at offset {}: {}", record.key(),
                    record.offset(), e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
