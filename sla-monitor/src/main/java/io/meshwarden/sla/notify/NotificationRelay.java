package io.meshwarden.sla.notify;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertState;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.EventDecodingException;
import io.meshwarden.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays every alert transition of the alert topic to the notification sinks, as one consumer
 * group ({@code <prefix>-sla-notify}) shared by every SLA monitor instance, so each transition is
 * relayed by one of them. Offsets are committed only after a batch was delivered (or, for a sink
 * that gave up, dead-lettered with the sink and the reason): a crash relays the batch again, never
 * loses it, and a sink's idempotency key makes the repeat recognisable.
 *
 * <p>On assignment the relay first replays its partitions from their beginning up to the committed
 * offset without delivering anything, to know which alerts are active: those are what
 * {@link NotificationSink#refresh} re-sends every {@code refreshInterval}, from the first one after a
 * restart on, so that Alertmanager never times an open alert out.
 */
final class NotificationRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationRelay.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final EventCodec<Alert> CODEC = EventCodec.of(Alert.class);

    private final MeshwardenConfig config;
    private final List<NotificationSink> sinks;
    private final Duration refreshInterval;
    private final Clock clock;
    private final String topic;
    private final Map<TopicPartition, Long> replayUntil = new HashMap<>();
    private final Map<TopicPartition, Map<String, Alert>> active = new HashMap<>();
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean closed;

    NotificationRelay(MeshwardenConfig config, List<NotificationSink> sinks, Duration refreshInterval, Clock clock) {
        this.config = config;
        this.sinks = List.copyOf(sinks);
        this.refreshInterval = refreshInterval;
        this.clock = clock;
        this.topic = config.topics().name(Topics.ALERTS);
        this.thread = new Thread(this::run, "meshwarden-notify");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The alerts currently active on this instance's partitions, for the health view and tests. */
    synchronized int activeCount() {
        return active.values().stream().mapToInt(Map::size).sum();
    }

    private void run() {
        Properties properties = config.consumerProperties("sla-notify");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> deadLetters = new KafkaProducer<>(config.producerProperties("sla-notify-dlt"),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer = kafka;
            kafka.subscribe(List.of(topic), new Rebalance(kafka));
            long nextRefresh = clock.millis() + refreshInterval.toMillis();
            while (!closed) {
                Map<TopicPartition, OffsetAndMetadata> done = new LinkedHashMap<>();
                for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                    relay(record, deadLetters);
                    done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                }
                if (!done.isEmpty()) {
                    deadLetters.flush();
                    kafka.commitSync(done);
                }
                if (clock.millis() >= nextRefresh) {
                    refresh();
                    nextRefresh = clock.millis() + refreshInterval.toMillis();
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("The notification relay stopped: {}", e.toString(), e);
        }
    }

    private void relay(ConsumerRecord<String, byte[]> record, KafkaProducer<byte[], byte[]> deadLetters) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Alert alert;
        try {
            alert = CODEC.decode(record.value(), config.topics().eventFormat().registry());
        } catch (EventDecodingException e) {
            if (record.offset() >= replayUntil.getOrDefault(partition, 0L)) {
                deadLetter(record, deadLetters, DeadLetterReason.UNDECODABLE, "not an alert: " + e.getMessage());
            }
            return;
        }
        synchronized (this) {
            Map<String, Alert> alerts = active.computeIfAbsent(partition, p -> new LinkedHashMap<>());
            if (alert.getState() == AlertState.RESOLVED) {
                alerts.remove(alert.getAlertId());
            } else {
                alerts.put(alert.getAlertId(), alert);
            }
        }
        if (record.offset() < replayUntil.getOrDefault(partition, 0L)) {
            return; // relayed before the restart; replayed only to know what is active
        }
        for (NotificationSink sink : sinks) {
            try {
                sink.deliver(alert);
            } catch (DeliveryFailedException e) {
                LOG.error("Notification of {} ({}) to {} failed; dead-lettered: {}", alert.getAlertId(), alert.getTransition(),
                        sink.name(), e.getMessage());
                deadLetter(record, deadLetters, DeadLetterReason.NOTIFICATION_FAILED, sink.name() + ": " + e.getMessage());
            }
        }
    }

    private void refresh() {
        List<Alert> alerts;
        synchronized (this) {
            alerts = new ArrayList<>();
            active.values().forEach(byId -> alerts.addAll(byId.values()));
        }
        for (NotificationSink sink : sinks) {
            try {
                sink.refresh(alerts);
            } catch (DeliveryFailedException e) {
                LOG.warn("Re-sending {} active alerts to {} failed; next try in {}: {}", alerts.size(), sink.name(),
                        refreshInterval, e.getMessage());
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, KafkaProducer<byte[], byte[]> deadLetters,
                            DeadLetterReason reason, String message) {
        DeadLetter letter = new DeadLetter(reason, message, record.topic(), record.partition(), record.offset(), clock.instant());
        byte[] key = record.key() == null ? null : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        deadLetters.send(new ProducerRecord<>(config.topics().name(Topics.DEAD_LETTER), null, key, record.value(),
                letter.appendTo(record.headers())));
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Replays a newly assigned partition up to its committed offset; forgets a revoked one's alerts. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> kafka;

        Rebalance(KafkaConsumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                replayUntil.put(partition, offset == null ? 0L : offset.offset());
            }
            kafka.seekToBeginning(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            synchronized (NotificationRelay.this) {
                partitions.forEach(active::remove);
            }
            partitions.forEach(replayUntil::remove);
        }
    }
}
