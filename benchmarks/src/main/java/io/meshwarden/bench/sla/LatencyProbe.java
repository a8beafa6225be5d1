package io.meshwarden.bench.sla;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.violation.ViolationRule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Violation-to-output latency: sends one BREACH per fresh product at a steady rate (each opens a new
 * alert), reads the output topic {@code read_committed} from its end, and takes, per probe, the time
 * between the send and the read of the record whose key {@code outputKey} names. The same probe runs
 * against the pass-through baseline (output key: product id) and the SLA topology (alert id).
 */
final class LatencyProbe {
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private LatencyProbe() {
    }

    static List<Long> measure(KafkaProducer<String, Violation> producer, String input, Properties consumerProperties,
                              String output, String prefix, int probes, int perSecond,
                              Function<String, String> outputKey) throws Exception {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        List<Long> latencies = new ArrayList<>();
        Properties props = new Properties();
        props.putAll(consumerProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(output).stream()
                    .map(info -> new TopicPartition(output, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before the first probe
            long intervalNanos = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            int probe = 0;
            long drainUntil = Long.MAX_VALUE;
            while (latencies.size() < probes && System.nanoTime() < drainUntil) {
                while (probe < probes && System.nanoTime() >= next) {
                    String productId = prefix + probe++;
                    sent.put(outputKey.apply(productId), System.nanoTime());
                    producer.send(new ProducerRecord<>(input, productId,
                            FloodScenario.violation(productId, ViolationRule.FRESHNESS, ViolationStatus.BREACH, Instant.now())));
                    next += intervalNanos;
                }
                if (probe == probes && drainUntil == Long.MAX_VALUE) {
                    drainUntil = System.nanoTime() + DRAIN.toNanos();
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(1))) {
                    Long at = sent.remove(new String(record.key(), StandardCharsets.UTF_8));
                    if (at != null) {
                        latencies.add((System.nanoTime() - at) / 1_000_000);
                    }
                }
            }
        }
        return latencies;
    }

    static long percentile(List<Long> values, double percent) {
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percent / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
