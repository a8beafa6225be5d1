package io.meshwarden.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.Kcat;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.violation.ViolationRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Governance and quality do not depend on the producer's partitioner: records keyed by product id
 * that kcat (librdkafka, CRC32) or a key-ignoring Java producer puts on another partition than the
 * Java client's murmur2 are governed exactly like the rest.
 */
@EmbeddedKafka
class AnyPartitionerIT {
    private static final int PARTITIONS = 4;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long MAX_AGE_MS = 2_000;

    private MeshwardenConfig config;
    private TopicCatalog topics;
    private QualityStreams app;
    private KafkaProducer<byte[], byte[]> murmur2;
    private KafkaProducer<byte[], byte[]> random;
    private TopicTail tail;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        String run = "anypart" + System.nanoTime();
        config = MeshwardenConfig.defaults(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(),
                Settings.TOPIC_PREFIX.key(), run + ".",
                Settings.APPLICATION_ID_PREFIX.key(), run,
                Settings.TOPIC_PARTITIONS.key(), Integer.toString(PARTITIONS)));
        topics = config.topics();
        app = QualityStreams.start(config);
        murmur2 = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
        Properties randomly = config.producerProperties("it-random");
        randomly.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, RandomPartitioner.class.getName());
        random = new KafkaProducer<>(randomly, new ByteArraySerializer(), new ByteArraySerializer());
        tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.DECISIONS), topics.name(Topics.VIOLATIONS),
                topics.name(Topics.DEAD_LETTER), topics.name(Topics.POLICIES_IN_FORCE));
    }

    @AfterEach
    void stop() {
        tail.close();
        random.close();
        murmur2.close();
        app.close();
    }

    @Test
    void governsEveryMetricThatLibrdkafkaPutsOnAnyPartition() {
        List<String> products = IntStream.range(0, 24).mapToObj(i -> "paid-media.any-partition-" + i).toList();
        assertThat(products.stream().filter(id -> Kcat.defaultPartition(id, PARTITIONS) != murmur2Partition(id)).count())
                .as("products kcat puts elsewhere than the Java client").isGreaterThan(products.size() / 2);
        // Contracts from all three kinds of producer; every first version is accepted wherever it lands.
        for (int i = 0; i < products.size(); i++) {
            DataProductContract contract = fresh(products.get(i));
            switch (i % 3) {
                case 0 -> send(murmur2, Topics.CONTRACT_CHANGES, contract.getId(), json(Samples.change(contract)));
                case 1 -> send(random, Topics.CONTRACT_CHANGES, contract.getId(), json(Samples.change(contract)));
                default -> Kcat.produce(config.bootstrapServers(), topics.name(Topics.CONTRACT_CHANGES),
                        List.of(Map.entry(contract.getId(), new String(json(Samples.change(contract)), StandardCharsets.UTF_8))));
            }
        }
        await().atMost(WAIT).until(() -> decode(Topics.DECISIONS, Decision.class).size() == products.size());
        assertThat(decode(Topics.DECISIONS, Decision.class)).extracting(Decision::getOutcome).containsOnly(DecisionOutcome.ACCEPTED);
        // Silence since registration breaches each product's freshness: its contract reached quality.
        await().atMost(WAIT).until(() -> freshness(ViolationStatus.BREACH).containsAll(products));

        Instant now = Instant.now();
        Kcat.produce(config.bootstrapServers(), topics.name(Topics.METRICS), products.stream()
                .map(id -> Map.entry(id, new String(EventCodec.of(MetricEvent.class).encode(metric(id, now), OutputFormat.JSON),
                        StandardCharsets.UTF_8)))
                .toList());

        // Fresh data recovers every product: each metric met its own product's contract and state.
        await().atMost(WAIT).until(() -> freshness(ViolationStatus.RECOVERY).containsAll(products));
        assertThat(tail.poll(topics.name(Topics.DEAD_LETTER))).as("dead letters").isEmpty();
    }

    @Test
    void diffsEveryChangeAgainstTheRightPreviousVersionWhicheverClientSentIt() {
        publishPolicySet();
        String product = IntStream.range(0, 100).mapToObj(i -> "paid-media.mixed-clients-" + i)
                .filter(id -> Kcat.defaultPartition(id, PARTITIONS) != murmur2Partition(id)).findFirst().orElseThrow();
        DataProductContract v1 = Samples.contract(product);
        DataProductContract weaker = DataProductContract.newBuilder(v1)
                .setGuarantees(QualityGuarantees.newBuilder(v1.getGuarantees()).setCompletenessPercent(90.0).build()).build();

        send(murmur2, Topics.CONTRACT_CHANGES, product, json(Samples.change(v1)));
        awaitDecisions(1);
        ContractChange minor = Samples.change(DataProductContract.newBuilder(weaker).setVersion("1.1.0").build());
        Kcat.produce(config.bootstrapServers(), topics.name(Topics.CONTRACT_CHANGES),
                List.of(Map.entry(product, new String(json(minor), StandardCharsets.UTF_8))));
        awaitDecisions(2);
        send(random, Topics.CONTRACT_CHANGES, product,
                json(Samples.change(DataProductContract.newBuilder(weaker).setVersion("2.0.0").build())));

        List<Decision> decisions = awaitDecisions(3);
        assertThat(decisions).extracting(Decision::getContractVersion, Decision::getOutcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1.0.0", DecisionOutcome.ACCEPTED),
                org.assertj.core.groups.Tuple.tuple("1.1.0", DecisionOutcome.REJECTED),
                org.assertj.core.groups.Tuple.tuple("2.0.0", DecisionOutcome.ACCEPTED));
        assertThat(decisions.get(1).getViolations()).singleElement().satisfies(v -> {
            assertThat(v.getRuleId()).isEqualTo("compatibility.breaking-change");
            assertThat(v.getMessage()).contains("completeness");
        });
    }

    private void publishPolicySet() {
        PolicySet global = PolicySet.newBuilder().setId("global").setVersion("1.0.0").setScope(PolicyScope.GLOBAL)
                .setDomain(null).setPublishedAt(Samples.T0)
                .setRules(List.of(rule("compatibility.breaking-change", "compatibility"), rule("versioning.semver", "versioning")))
                .build();
        send(murmur2, Topics.POLICIES, global.getId(), EventCodec.of(PolicySet.class).encode(global, OutputFormat.AVRO));
        await().atMost(WAIT).until(() -> app.policySetsInForce().contains("global@1.0.0"));
    }

    private static PolicyRule rule(String id, String kind) {
        return PolicyRule.newBuilder().setId(id).setKind(kind).setSeverity(Severity.BLOCKING).setDescription(id)
                .setParameters(Map.of()).setExpression(null).build();
    }

    private List<Decision> awaitDecisions(int count) {
        await().atMost(WAIT).until(() -> decode(Topics.DECISIONS, Decision.class).size() >= count);
        return decode(Topics.DECISIONS, Decision.class);
    }

    private static DataProductContract fresh(String productId) {
        return DataProductContract.newBuilder(Samples.contract(productId))
                .setGuarantees(QualityGuarantees.newBuilder().setFreshnessMaxAgeMs(MAX_AGE_MS).setCompletenessPercent(99.5)
                        .setAvailabilityPercent(null).setAccuracyTolerancePercent(null).setWindowMs(3_600_000L).build())
                .build();
    }

    private static MetricEvent metric(String productId, Instant at) {
        return MetricEvent.newBuilder().setProductId(productId).setPipelineRunId("run-" + at.toEpochMilli())
                .setSourcePlatform("google-ads").setRecordsLoaded(100).setRecordsExpected(100L)
                .setFieldNullCounts(Map.of()).setNewestRecordTime(at).setEventTime(at).build();
    }

    private Set<String> freshness(ViolationStatus status) {
        return decode(Topics.VIOLATIONS, Violation.class).stream()
                .filter(v -> v.getRuleId().equals(ViolationRule.FRESHNESS.ruleId()) && v.getStatus() == status)
                .map(Violation::getProductId).collect(Collectors.toSet());
    }

    private static int murmur2Partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static byte[] json(ContractChange change) {
        return EventCodec.of(ContractChange.class).encode(change, OutputFormat.JSON);
    }

    private void send(KafkaProducer<byte[], byte[]> producer, TopicSpec<?, ?> topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topics.name(topic), key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }

    private <T extends SpecificRecord> List<T> decode(TopicSpec<?, ?> topic, Class<T> type) {
        return tail.poll(topics.name(topic)).stream().map(r -> EventCodec.of(type).decode(r.value())).toList();
    }
}
