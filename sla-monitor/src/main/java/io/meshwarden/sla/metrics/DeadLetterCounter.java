package io.meshwarden.sla.metrics;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the mesh's dead letters by reason and domain for Prometheus ({@code meshwarden_dead_letters_total}):
 * reads the dead-letter topic, whoever wrote it (quality-streams, the access service, this service's
 * notifications), in one consumer group ({@code <prefix>-sla-deadletters}) shared by every instance, so
 * each dead letter is counted by one of them (sum the series across instances, as for the alert gauges).
 * Starts at the topic's end the first time, then where the group left off; labels bounded by
 * {@link DeadLetterLabels}. Reads only headers and key: a dead letter's bytes are never decoded here.
 */
@Context
public class DeadLetterCounter implements AutoCloseable {
    static final String METRIC = "meshwarden.dead.letters";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterCounter.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final MeshwardenConfig config;
    private final MeterRegistry registry;
    private final DeadLetterLabels labels = new DeadLetterLabels();
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean closed;

    public DeadLetterCounter(MeshwardenConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.thread = new Thread(this::run, "meshwarden-dead-letter-count");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        Properties properties = config.consumerProperties("sla-deadletters");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        String topic = config.topics().name(Topics.DEAD_LETTER);
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            if (closed) {
                return;
            }
            kafka.subscribe(List.of(topic));
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : kafka.poll(POLL)) {
                    count(record);
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                LOG.error("The dead-letter count stopped: {}", e.toString());
            }
        } catch (RuntimeException e) {
            LOG.error("The dead-letter count stopped: {}", e.toString(), e);
        }
    }

    private void count(ConsumerRecord<byte[], byte[]> record) {
        Counter.builder(METRIC).description("Records the mesh dead-lettered, by reason and by the domain their key names")
                .tag("reason", labels.reason(record.headers())).tag("domain", labels.domain(record.key()))
                .register(registry).increment();
    }

    @PreDestroy
    @Override
    public void close() {
        closed = true;
        KafkaConsumer<byte[], byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
