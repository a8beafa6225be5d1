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
 * of a product is the time its BREACH is read (read_committed) minus its deadline. Then metric event to
 * violation: breached products fed again at a steady rate, each metric's send to the read of the RECOVERY
 * it causes; and the same probe through a pass-through of the metric topic, the baseline of one
 * exactly-once hop.
 */
final class FreshnessLatency {
    private static final long BASE_LIMIT_MS = 15_000;
    private static final long SPREAD_MS = 5_000;
    static final int PROBES_PER_SECOND = 100;
    private static final int MAX_PROBES = 2_000;

    /** Per product, its breach's read minus its deadline; per probe, its metric's send to the read of its recovery. */
    record Result(List<Long> afterDeadline, List<Long> metricToViolation) {
    }

    private FreshnessLatency() {
    }

    static Result measure(MeshwardenConfig config, int products) throws Exception {
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
            // Every contract read before any product is fed: else, with many products, some would rightly breach "never
            // fed" (registration plus limit) before their metric is read, and that breach is not the one timed here.
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(config.adminProperties())) {
                long caughtUp = System.currentTimeMillis() + 120_000;
                while (lag(admin, props.getProperty("application.id"), config.topics().name(Topics.CATALOG)) > 0
                        && System.currentTimeMillis() < caughtUp) {
                    Thread.sleep(50); // a measurement loop, not a test
                }
            }
            Map<String, Long> newest = workload.feedOnce();

            List<Long> latencies = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            int breaches = 0;
            int neverFed = 0;
            long end = System.currentTimeMillis() + BASE_LIMIT_MS + SPREAD_MS + 60_000;
            while (seen.size() < products && System.currentTimeMillis() < end) {
                for (ConsumerRecord<byte[], byte[]> record : violations.poll(Duration.ofMillis(50))) {
                    long readAt = System.currentTimeMillis();
                    Violation violation = EventCodec.of(Violation.class).decode(record.value());
                    if (violation.getStatus() != ViolationStatus.BREACH || !"freshness".equals(violation.getRuleId())) {
                        continue;
                    }
                    breaches++;
                    String id = violation.getProductId();
                    long due = newest.get(id) + limit(Integer.parseInt(id.substring(id.indexOf('-', 13) + 1)));
                    if (violation.getDeadline() == null || violation.getDeadline().toEpochMilli() != due) {
                        neverFed++; // an earlier deadline: registration plus limit, the feed not read yet
                    } else if (seen.add(id)) {
                        latencies.add(readAt - due);
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
            System.out.printf(java.util.Locale.ROOT, "  freshness breaches read: %,d, of distinct products at the deadline of their feed:"
                    + " %,d, of an earlier deadline (never fed, the feed not read yet): %,d%n", breaches, seen.size(), neverFed);
            List<Long> recoveries = probe(workload, Math.min(products, MAX_PROBES), violations, record -> {
                Violation violation = EventCodec.of(Violation.class).decode(record.value());
                return violation.getStatus() == ViolationStatus.RECOVERY && "freshness".equals(violation.getRuleId())
                        ? violation.getProductId() : null;
            });
            streams.close(CloseOptions.timeout(Duration.ofSeconds(30)));
            return new Result(latencies, recoveries);
        }
    }

    /**
     * The same probe through a pass-through of the metric topic into {@code output}: each metric's send to the read of
     * its copy, once the pass-through has caught up with what the topic already holds.
     */
    static List<Long> passThroughLatency(MeshwardenConfig config, org.apache.kafka.streams.Topology passThrough, String output,
                                         io.meshwarden.kafka.embedded.EmbeddedKafkaBroker broker) throws Exception {
        broker.createTopic(output, config.getInt(io.meshwarden.config.Settings.TOPIC_PARTITIONS), false);
        Properties props = config.streamsProperties("passthrough-latency");
        try (KafkaStreams streams = new KafkaStreams(passThrough, props);
             KafkaConsumer<byte[], byte[]> copies = tail(config, output);
             org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(config.adminProperties())) {
            streams.start();
            String metrics = config.topics().name(Topics.METRICS);
            long deadline = System.currentTimeMillis() + 60_000;
            while (lag(admin, props.getProperty("application.id"), metrics) > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50); // a measurement loop, not a test
            }
            copies.seekToEnd(copies.assignment());
            copies.assignment().forEach(copies::position);
            List<Long> latencies = probe(new Workload(config, MAX_PROBES), MAX_PROBES, copies,
                    record -> new String(record.key(), java.nio.charset.StandardCharsets.UTF_8));
            streams.close(CloseOptions.timeout(Duration.ofSeconds(30)));
            return latencies;
        }
    }

    /**
     * Feeds products 0 to {@code probes - 1} once each at {@link #PROBES_PER_SECOND} and reads {@code output} until each
     * probe's answer (the product id {@code answerOf} finds in a record, null for others) is read or 30 s pass.
     */
    private static List<Long> probe(Workload workload, int probes, KafkaConsumer<byte[], byte[]> output,
                                    java.util.function.Function<ConsumerRecord<byte[], byte[]>, String> answerOf) {
        Map<String, Long> sent = new java.util.concurrent.ConcurrentHashMap<>();
        List<Long> latencies = new ArrayList<>();
        long intervalNanos = 1_000_000_000L / PROBES_PER_SECOND;
        try (Workload.Feeder feeder = workload.feeder()) {
            long next = System.nanoTime();
            int probe = 0;
            long drainUntil = Long.MAX_VALUE;
            while (latencies.size() < probes && System.nanoTime() < drainUntil) {
                while (probe < probes && System.nanoTime() >= next) {
                    sent.put(Workload.productId(probe), System.nanoTime());
                    feeder.feed(probe++);
                    next += intervalNanos;
                }
                if (probe == probes && drainUntil == Long.MAX_VALUE) {
                    drainUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                }
                for (ConsumerRecord<byte[], byte[]> record : output.poll(Duration.ofMillis(1))) {
                    String answered = answerOf.apply(record);
                    Long at = answered == null ? null : sent.remove(answered);
                    if (at != null) {
                        latencies.add((System.nanoTime() - at) / 1_000_000);
                    }
                }
            }
        }
        return latencies;
    }

    private static long lag(org.apache.kafka.clients.admin.Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ends = new java.util.HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(ends).all().get().entrySet()) {
            var at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    private static long limit(int index) {
        return BASE_LIMIT_MS + (index * 7_919L) % SPREAD_MS;
    }

    private static KafkaConsumer<byte[], byte[]> tail(MeshwardenConfig config) {
        return tail(config, config.topics().name(Topics.VIOLATIONS));
    }

    private static KafkaConsumer<byte[], byte[]> tail(MeshwardenConfig config, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
