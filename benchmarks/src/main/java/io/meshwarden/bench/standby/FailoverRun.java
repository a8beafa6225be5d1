package io.meshwarden.bench.standby;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertState;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One failover: two SLA monitors of a fresh application with this many standby replicas, loaded with
 * {@code products} products (a contract and an open completeness alert each, so that the catalog,
 * violation, alert and alert-track stores hold that many entries), then instance B dies for good. The
 * time measured runs from its death to the survivor's first outputs for every partition B ran: one
 * completeness recovery per such partition, sent at once, whose RESOLVED event A can write only once it
 * owns the partition with its state (restored from the changelog, or promoted from its standby copy).
 *
 * <p>Reads the alert topic as committed; writes the catalog and violation topics.
 */
final class FailoverRun {
    private static final int PARTITIONS = 4;
    private static final Duration LOADED = Duration.ofMinutes(10);
    private static final Duration CAUGHT_UP = Duration.ofMinutes(2);
    private static final Duration FAILOVER = Duration.ofMinutes(3);

    /** What one failover measured. */
    record Result(int standbys, long failoverMs, long loadMs, int probes) {
    }

    private final String bootstrapServers;
    private final Path state;
    private final int products;

    FailoverRun(String bootstrapServers, Path state, int products) {
        this.bootstrapServers = bootstrapServers;
        this.state = state;
        this.products = products;
    }

    Result measure(String run, int standbys) throws InterruptedException {
        Map<String, String> settings = Map.of(Settings.BOOTSTRAP_SERVERS.key(), bootstrapServers,
                Settings.TOPIC_PREFIX.key(), run + ".", Settings.APPLICATION_ID_PREFIX.key(), run,
                Settings.TOPIC_PARTITIONS.key(), Integer.toString(PARTITIONS),
                Settings.STANDBY_REPLICAS.key(), Integer.toString(standbys));
        MeshwardenConfig config = MeshwardenConfig.defaults(settings);
        TopicCatalog topics = config.topics();
        try (SlaInstance a = SlaInstance.start(instance(settings, run + "-a"));
             SlaInstance b = SlaInstance.start(instance(settings, run + "-b"));
             KafkaConsumer<byte[], byte[]> alerts = alertReader(config, topics.name(Topics.ALERTS));
             KafkaProducer<String, Violation> violations = producer(config, topics.topic(Topics.VIOLATIONS))) {
            long loading = System.nanoTime();
            load(config, topics, violations);
            await(alerts, LOADED, products, alert -> alert.getState() == AlertState.OPEN);
            long loadMs = (System.nanoTime() - loading) / 1_000_000;
            if (standbys > 0) {
                awaitStandbysCaughtUp(a);
            }
            Set<Integer> partitionsOfB = partitionsOf(a, b.streams().self(), topics.name(Topics.VIOLATIONS));

            b.crash();
            long crashed = System.nanoTime();
            Instant now = Instant.now();
            for (int partition : partitionsOfB) {
                String productId = productOn(partition);
                violations.send(new ProducerRecord<>(topics.name(Topics.VIOLATIONS), productId,
                        violation(productId, ViolationStatus.RECOVERY, now)));
            }
            violations.flush();
            await(alerts, FAILOVER, partitionsOfB.size(), alert -> alert.getState() == AlertState.RESOLVED);
            return new Result(standbys, (System.nanoTime() - crashed) / 1_000_000, loadMs, partitionsOfB.size());
        }
    }

    private Map<String, String> instance(Map<String, String> settings, String name) {
        Map<String, String> properties = new HashMap<>(settings);
        properties.put(Settings.STATE_DIR.key(), state.resolve(name).toString());
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    private void load(MeshwardenConfig config, TopicCatalog topics, KafkaProducer<String, Violation> violations) {
        Topic<String, DataProductContract> catalog = topics.topic(Topics.CATALOG);
        Instant at = Instant.now().minus(Duration.ofDays(1));
        try (KafkaProducer<String, DataProductContract> contracts = new KafkaProducer<>(config.producerProperties("standby-bench"),
                catalog.keySerde().serializer(), catalog.valueSerde().serializer())) {
            for (int i = 0; i < products; i++) {
                String productId = productId(i);
                contracts.send(new ProducerRecord<>(catalog.name(), productId, contract(productId)));
                violations.send(new ProducerRecord<>(topics.name(Topics.VIOLATIONS), productId,
                        violation(productId, ViolationStatus.BREACH, at)));
            }
        }
        violations.flush();
    }

    /** Waits until A's standby copies are as far as the changelogs (at most one record, a commit marker, behind). */
    private static void awaitStandbysCaughtUp(SlaInstance a) throws InterruptedException {
        Instant deadline = Instant.now().plus(CAUGHT_UP);
        while (Instant.now().isBefore(deadline)) {
            Map<String, Map<Integer, LagInfo>> lags = a.client().allLocalStorePartitionLags();
            if (lags.values().stream().flatMap(byPartition -> byPartition.values().stream()).allMatch(lag -> lag.offsetLag() <= 1)) {
                return;
            }
            Thread.sleep(100);
        }
        System.out.println("  (A's standby copies were still behind after " + CAUGHT_UP + ")");
    }

    /** The partitions of the topic B runs, as A's metadata says. */
    private static Set<Integer> partitionsOf(SlaInstance a, HostInfo b, String topic) {
        Set<Integer> partitions = new HashSet<>();
        for (StreamsMetadata instance : a.client().metadataForAllStreamsClients()) {
            if (instance.hostInfo().equals(b)) {
                instance.topicPartitions().stream().filter(partition -> partition.topic().equals(topic))
                        .forEach(partition -> partitions.add(partition.partition()));
            }
        }
        if (partitions.isEmpty()) {
            throw new IllegalStateException("B runs no partition of " + topic + " in A's metadata");
        }
        return partitions;
    }

    /** Reads every alert from the current position until {@code count} match, or fails after the limit. */
    private static void await(KafkaConsumer<byte[], byte[]> alerts, Duration limit, int count, Predicate<Alert> match) {
        EventCodec<Alert> codec = EventCodec.of(Alert.class);
        Instant deadline = Instant.now().plus(limit);
        int seen = 0;
        while (seen < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("only " + seen + " of " + count + " alert events within " + limit);
            }
            for (ConsumerRecord<byte[], byte[]> record : alerts.poll(Duration.ofMillis(50))) {
                if (match.test(codec.decode(record.value()))) {
                    seen++;
                }
            }
        }
    }

    /** The first loaded product the Java client's partitioner puts on this partition. */
    private String productOn(int partition) {
        for (int i = 0; i < products; i++) {
            byte[] key = productId(i).getBytes(StandardCharsets.UTF_8);
            if (Utils.toPositive(Utils.murmur2(key)) % PARTITIONS == partition) {
                return productId(i);
            }
        }
        throw new IllegalStateException("no product on partition " + partition);
    }

    private static KafkaConsumer<byte[], byte[]> alertReader(MeshwardenConfig config, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config.consumerProperties("standby-bench"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static KafkaProducer<String, Violation> producer(MeshwardenConfig config, Topic<String, Violation> topic) {
        return new KafkaProducer<>(config.producerProperties("standby-bench-violations"), topic.keySerde().serializer(),
                topic.valueSerde().serializer());
    }

    private static String productId(int index) {
        return "bench.product-" + index;
    }

    private static Violation violation(String productId, ViolationStatus status, Instant at) {
        return ViolationFactory.violation(productId, "bench", ViolationRule.COMPLETENESS, status, Long.toString(at.toEpochMilli()), at)
                .setMessage("completeness " + status).setObservedValue(0.91).setTargetValue(0.995).build();
    }

    private static DataProductContract contract(String productId) {
        return DataProductContract.newBuilder().setId(productId).setDomain("bench").setName(productId.substring("bench.".length()))
                .setVersion("1.0.0").setStatus(ProductStatus.ACTIVE)
                .setOwner(Ownership.newBuilder().setTeam("bench").setSteward("bench@example.com").build())
                .setGuarantees(QualityGuarantees.newBuilder().setCompletenessPercent(99.5).setFreshnessMaxAgeMs(3_600_000L)
                        .setAvailabilityPercent(null).setAccuracyTolerancePercent(null).setWindowMs(3_600_000L).build())
                .setFields(List.of()).build();
    }
}
