package io.meshwarden.quality.observed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.Kcat;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.governance.ItConfig;
import io.meshwarden.quality.rules.QualityRules;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observed mode cannot take governance down, and loses no record: quality-streams starts with an observed-topic
 * pattern that matches nothing; governance decides as usual; the product's topic, created later, is observed
 * within 10 s; and every record kcat (librdkafka, its own partitioner) writes to it, nulls in a required
 * non-nullable field included, is either counted in the product's snapshots or on the dead-letter topic.
 */
@EmbeddedKafka
class ObservedIsolationIT {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration OBSERVED_WITHIN = Duration.ofSeconds(10);
    private static final long MINUTE = 60_000;
    private static final int BAD_RECORDS = 110;

    private EmbeddedKafkaBroker broker;
    private String outputTopic;
    private TopicCatalog topics;
    private QualityStreams quality;
    private ObservedService observed;
    private KafkaProducer<byte[], byte[]> producer;
    private TopicTail tail;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        this.broker = broker;
        MeshwardenConfig fresh = ItConfig.freshRun(broker, stateDir, "isolation");
        String run = fresh.get(Settings.TOPIC_PREFIX);
        outputTopic = run + PRODUCT + ".v1";
        // Every undecodable record dead-lettered (not only the default sample), so that each shows it was read.
        MeshwardenConfig config = fresh.with(Map.of(Settings.QUALITY_OBSERVED_TOPIC_PATTERN.key(), Pattern.quote(run) + ".*\\.v[0-9]+",
                Settings.QUALITY_OBSERVED_DEADLETTER_SAMPLES.key(), Integer.toString(10 * BAD_RECORDS)));
        topics = config.topics();
        quality = QualityStreams.start(config);
        observed = ObservedService.start(config);
        producer = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
        tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.DECISIONS), topics.name(Topics.SNAPSHOTS),
                topics.name(Topics.OBSERVED_PORTS), topics.name(Topics.DEAD_LETTER));
    }

    @AfterEach
    void stop() {
        tail.close();
        producer.close();
        observed.close();
        quality.close();
    }

    @Test
    void governanceDecidesWhileNoTopicMatchesAndEveryRecordOfTheTopicCreatedLaterIsCountedOrDeadLettered() {
        DataProductContract compliant = Samples.contract("email.send-engagement");
        send(topics.name(Topics.CONTRACT_CHANGES), compliant.getId(),
                EventCodec.of(ContractChange.class).encode(Samples.change(compliant), OutputFormat.AVRO));
        await("a governance decision while the observed pattern matches nothing").atMost(Duration.ofSeconds(30))
                .until(() -> decoded(Topics.DECISIONS, Decision.class).stream()
                        .anyMatch(decision -> decision.getProductId().equals(compliant.getId())));

        DataProductContract contract = QualityRules.contract(PRODUCT);
        contract = DataProductContract.newBuilder(contract)
                .setOutputPorts(List.of(OutputPort.newBuilder(contract.getOutputPorts().get(0)).setTopic(outputTopic).build()))
                .build();
        send(topics.name(Topics.CATALOG), PRODUCT, EventCodec.of(DataProductContract.class).encode(contract, OutputFormat.AVRO));
        await().atMost(WAIT).until(() -> !decoded(Topics.OBSERVED_PORTS, DataProductContract.class).isEmpty());

        broker.createTopic(outputTopic, 3, false);
        // Observed within 10 s of the topic appearing: the first record written to it is measured (here: dead-lettered).
        long created = System.currentTimeMillis();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        await("the new topic observed").atMost(OBSERVED_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
            send(outputTopic, "probe", row(null).getBytes(StandardCharsets.UTF_8));
            sent.incrementAndGet();
            return !deadLetters().isEmpty();
        });
        long observedAfter = System.currentTimeMillis() - created;

        int probes = sent.get();
        Kcat.produce(broker.bootstrapServers(), outputTopic, IntStream.range(0, BAD_RECORDS)
                .mapToObj(i -> Map.entry("campaign-" + i, row(null))).toList());
        // Each dead letter is committed with its record's measurement, so once all are there the measurements are too;
        // only then a clean record two steps on closes their step (before, it could overtake them: they would be late).
        await("every record read").atMost(WAIT).until(() -> deadLetters().size() == probes + BAD_RECORDS);
        send(outputTopic, "campaign-close", row("c-1").getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() + 3 * MINUTE);

        await("every record counted").atMost(WAIT).untilAsserted(() -> assertThat(expectedInSnapshots())
                .as("records counted in the product's snapshots (observed after " + observedAfter + " ms)")
                .isEqualTo(probes + BAD_RECORDS));
        assertThat(deadLetters()).allSatisfy(dead -> assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER))
                .isEqualTo("schema-mismatch"));
        assertThat(tail.poll(topics.name(Topics.DEAD_LETTER))).as("no other dead letter (a late measurement, say)")
                .hasSize(probes + BAD_RECORDS);
    }

    /** Records expected over the product's snapshots, one per window (the contract's window is one step). */
    private long expectedInSnapshots() {
        Map<Long, Long> byWindow = new TreeMap<>();
        decoded(Topics.SNAPSHOTS, QualitySnapshot.class).stream().filter(snapshot -> snapshot.getProductId().equals(PRODUCT))
                .forEach(snapshot -> byWindow.put(snapshot.getWindowEnd().toEpochMilli(), snapshot.getRecordsExpected()));
        return byWindow.values().stream().mapToLong(Long::longValue).sum();
    }

    private List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> deadLetters() {
        return tail.poll(topics.name(Topics.DEAD_LETTER)).stream()
                .filter(dead -> outputTopic.equals(DeadLetter.header(dead.headers(), DeadLetter.TOPIC_HEADER))).toList();
    }

    private <T extends SpecificRecord> List<T> decoded(TopicSpec<String, T> topic, Class<T> type) {
        EventCodec<T> codec = EventCodec.of(type);
        List<T> values = new ArrayList<>();
        tail.poll(topics.name(topic)).forEach(record -> values.add(codec.decode(record.value())));
        return values;
    }

    private void send(String topic, String key, byte[] value) {
        send(topic, key, value, null);
    }

    private void send(String topic, String key, byte[] value, Long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }

    private static String row(String campaignId) {
        return "{\"campaign_id\": " + (campaignId == null ? "null" : "\"" + campaignId + "\"")
                + ", \"channel\": \"search\", \"email\": null, \"clicks\": 1}";
    }
}
