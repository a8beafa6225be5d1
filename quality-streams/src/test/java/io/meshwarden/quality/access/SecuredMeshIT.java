package io.meshwarden.quality.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.Violation;
import io.meshwarden.config.KafkaSasl;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.governance.access.BaselineAcls;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.governance.ItConfig;
import io.meshwarden.schemas.DomainChangeTopics;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mesh on a broker that authenticates (SASL/SCRAM-SHA-512) and authorizes (StandardAuthorizer):
 * quality-streams runs as a super user, domains and consumers as ordinary principals bound by the
 * {@link BaselineAcls} of the catalog, provisioned through the Admin API.
 */
@EmbeddedKafka(secured = true, superUsers = "quality-streams", users = {"paid-media", "social", "analyst"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredMeshIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DataProductContract spend = DataProductContract.newBuilder(Samples.contract("paid-media.campaign-spend"))
            .setClassification(Classification.PUBLIC).build();
    private final DataProductContract segments = DataProductContract.newBuilder(Samples.contract("paid-media.audience-segments"))
            .setClassification(Classification.RESTRICTED).build();
    private final DataProductContract mentions = Samples.contract("social.mentions");
    /** Compliant with the built-in policies (the public one above carries PII, which they refuse). */
    private final DataProductContract performance = Samples.contract("paid-media.campaign-performance");

    private EmbeddedKafkaBroker kafka;
    private MeshwardenConfig config;
    private TopicCatalog topics;
    private DomainChangeTopics changeTopics;
    private QualityStreams app;

    @BeforeAll
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) throws Exception {
        kafka = broker;
        config = ItConfig.freshRun(broker, stateDir, "secured")
                .with(KafkaSasl.credentials("quality-streams", broker.security().password("quality-streams")));
        topics = config.topics();
        changeTopics = new DomainChangeTopics(topics);
        List<DataProductContract> catalog = List.of(spend, segments, mentions);
        try (Admin admin = Admin.create(new HashMap<>(broker.adminClientProperties()))) {
            // Domain change topics and product topics exist before the app subscribes to the pattern.
            List<NewTopic> newTopics = Stream.concat(
                    Stream.of("paid-media", "social").map(domain -> changeTopics.of(domain).name()),
                    catalog.stream().map(contract -> contract.getOutputPorts().get(0).getTopic()))
                    .map(name -> new NewTopic(name, 1, (short) 1)).toList();
            admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(new BaselineAcls(topics).desired(catalog)).all().get(30, TimeUnit.SECONDS);
        }
        app = QualityStreams.start(config);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aDomainsProduceToAnotherDomainsTopicIsRefusedByTheBroker() {
        try (KafkaProducer<byte[], byte[]> social = producer("social")) {
            assertThatThrownBy(() -> send(social, topicOf(spend), "k", "v".getBytes(StandardCharsets.UTF_8)))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> send(social, changeTopics.of("paid-media").name(), mentions.getId(), encode(mentions)))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aConsumerWithoutAGrantIsRefusedARestrictedProductAndReadsAPublicOne() throws Exception {
        try (KafkaProducer<byte[], byte[]> paidMedia = producer("paid-media")) {
            send(paidMedia, topicOf(spend), "row-1", "spent".getBytes(StandardCharsets.UTF_8));
            send(paidMedia, topicOf(segments), "row-1", "segment".getBytes(StandardCharsets.UTF_8));
        }
        try (KafkaConsumer<byte[], byte[]> analyst = consumer("analyst")) {
            analyst.assign(List.of(new TopicPartition(topicOf(segments), 0)));
            analyst.seekToBeginning(analyst.assignment());
            assertThatThrownBy(() -> analyst.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<byte[], byte[]> analyst = consumer("analyst")) {
            analyst.assign(List.of(new TopicPartition(topicOf(spend), 0)));
            analyst.seekToBeginning(analyst.assignment());
            List<String> values = new java.util.ArrayList<>();
            await().atMost(WAIT).until(() -> {
                analyst.poll(Duration.ofMillis(200)).forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
                return !values.isEmpty();
            });
            assertThat(values).containsExactly("spent");
        }
    }

    @Test
    void qualityStreamsDecidesDomainChangesAndRefusesOneForAnotherDomainsProduct() throws Exception {
        try (KafkaProducer<byte[], byte[]> paidMedia = producer("paid-media");
             KafkaProducer<byte[], byte[]> social = producer("social")) {
            send(paidMedia, changeTopics.of("paid-media").name(), performance.getId(), encode(performance));
            // The broker lets social write its own topic; governance sees whose topic it is.
            send(social, changeTopics.of("social").name(), segments.getId(), encode(segments));
        }
        try (TopicTail tail = TopicTail.of(kafka.clientProperties("quality-streams"), topics.name(Topics.DECISIONS))) {
            await().atMost(WAIT).until(() -> tail.poll().size() >= 2);
            List<Decision> decisions = tail.poll().stream()
                    .map(r -> EventCodec.of(Decision.class).decode(r.value())).toList();
            assertThat(decisions).filteredOn(d -> d.getProductId().equals(performance.getId()))
                    .extracting(Decision::getOutcome).containsExactly(DecisionOutcome.ACCEPTED);
            assertThat(decisions).filteredOn(d -> d.getProductId().equals(segments.getId())).singleElement()
                    .satisfies(d -> {
                        assertThat(d.getOutcome()).isEqualTo(DecisionOutcome.REJECTED);
                        assertThat(d.getViolations()).extracting(Violation::getRuleId)
                                .containsExactly("access.change-topic-domain");
                    });
        }
    }

    private static String topicOf(DataProductContract contract) {
        return contract.getOutputPorts().get(0).getTopic();
    }

    private static byte[] encode(DataProductContract contract) {
        ContractChange change = Samples.change(contract);
        return EventCodec.of(ContractChange.class).encode(change, OutputFormat.AVRO);
    }

    private void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get(30, TimeUnit.SECONDS);
    }

    private KafkaProducer<byte[], byte[]> producer(String user) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties(user));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> consumer(String user) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties(user));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
