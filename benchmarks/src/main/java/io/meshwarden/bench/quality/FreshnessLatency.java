package io.meshwarden.bench.quality;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.quality.QualityTopology;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Freshness detection latency with many products registered: every product is fed once and then
 * goes silent, with limits spread over five seconds so the deadlines do not coincide; the latency
 * of a product is the time its BREACH is read (read_committed) minus its deadline.
 */
final class FreshnessLatency {
    private static final long BASE_LIMIT_MS = 15_000;
    private static final long SPREAD_MS = 5_000;

    private FreshnessLatency() {
    }

    static List<Long> measure(MeshwardenConfig config, int products) throws Exception {
        Properties props = config.streamsProperties("quality");
        try (KafkaStreams streams = new KafkaStreams(QualityTopology.build(config.topics(), QualityOptions.from(config)), props);
             KafkaConsumer<byte[], byte[]> violations = tail(config)) {
            streams.start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (streams.state() != KafkaStreams.State.RUNNING && System.currentTimeMillis() < deadline) {
                Thread.sleep(50); // a measurement loop, not a test
            }
            Workload workload = new Workload(config, products);
            workload.registerAll(FreshnessLatency::limit);
            Map<String, Long> newest = workload.feedOnce();

            List<Long> latencies = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            int breaches = 0;
            long end = System.currentTimeMillis() + BASE_LIMIT_MS + SPREAD_MS + 60_000;
            while (seen.size() < products && System.currentTimeMillis() < end) {
                for (ConsumerRecord<byte[], byte[]> record : violations.poll(Duration.ofMillis(50))) {
                    long readAt = System.currentTimeMillis();
                    Violation violation = EventCodec.of(Violation.class).decode(record.value());
                    breaches += violation.getStatus() == ViolationStatus.BREACH ? 1 : 0;
                    if (violation.getStatus() == ViolationStatus.BREACH && seen.add(violation.getProductId())) {
                        int index = Integer.parseInt(violation.getProductId().substring(violation.getProductId().indexOf('-', 13) + 1));
                        latencies.add(readAt - (newest.get(violation.getProductId()) + limit(index)));
                    }
                }
            }
            // Each product goes silent once: a second BREACH of one product would be a duplicate. Read on a little.
            long drainUntil = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < drainUntil) {
                for (ConsumerRecord<byte[], byte[]> record : violations.poll(Duration.ofMillis(100))) {
                    breaches += EventCodec.of(Violation.class).decode(record.value()).getStatus() == ViolationStatus.BREACH ? 1 : 0;
                }
            }
            System.out.printf(java.util.Locale.ROOT, "  freshness breaches read: %,d, of distinct products: %,d%n", breaches, seen.size());
            streams.close(CloseOptions.timeout(Duration.ofSeconds(30)));
            return latencies;
        }
    }

    private static long limit(int index) {
        return BASE_LIMIT_MS + (index * 7_919L) % SPREAD_MS;
    }

    private static KafkaConsumer<byte[], byte[]> tail(MeshwardenConfig config) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        String topic = config.topics().name(Topics.VIOLATIONS);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
