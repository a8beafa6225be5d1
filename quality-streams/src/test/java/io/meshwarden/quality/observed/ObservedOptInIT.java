package io.meshwarden.quality.observed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.governance.ItConfig;
import io.meshwarden.quality.provisioning.ProvisioningService;
import io.meshwarden.quality.rules.QualityRules;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observed mode per contract: with no operator pattern at all, a contract that says {@code kafka.observed: "true"} has
 * its (provisioned) output topic read within 10 s of its acceptance, from the topic's beginning, and the records
 * counted in the product's snapshots; retiring the opt-in (a version without it) stops reading the topic.
 */
@EmbeddedKafka
class ObservedOptInIT {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration OBSERVED_WITHIN = Duration.ofSeconds(10);
    private static final long MINUTE = 60_000;

    private MeshwardenConfig config;
    private TopicCatalog topics;
    private String outputTopic;
    private QualityStreams quality;
    private ObservedService observed;
    private ProvisioningService provisioning;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private TopicTail tail;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        MeshwardenConfig fresh = ItConfig.freshRun(broker, stateDir, "optin");
        outputTopic = fresh.get(Settings.TOPIC_PREFIX) + PRODUCT + ".v1";
        config = fresh.with(Map.of(Settings.PROVISIONING_ENABLED.key(), "true", Settings.PROVISIONING_INTERVAL_MS.key(), "1000"));
        topics = config.topics();
        quality = QualityStreams.start(config);
        observed = ObservedService.start(config);
        provisioning = ProvisioningService.start(config).orElseThrow();
        admin = Admin.create(config.adminProperties());
        producer = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
        tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.SNAPSHOTS));
    }

    @AfterEach
    void stop() {
        tail.close();
        producer.close();
        admin.close();
        provisioning.close();
        observed.close();
        quality.close();
    }

    @Test
    void aContractThatOptsInIsObservedWithinTenSecondsOfItsAcceptance() {
        assertThat(observed.running()).as("no operator pattern, no contract opted in: no observed app").isFalse();
        long accepted = System.currentTimeMillis();
        accept(contract("1.0.0", true));
        await("the topic provisioned").atMost(WAIT).until(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS)
                .contains(outputTopic));
        int records = 12;
        long now = System.currentTimeMillis();
        // One key, so one partition: the closing record cannot overtake the others (they would be late).
        for (int i = 0; i < records; i++) {
            send(outputTopic, ObservedRecords.row(i % 3 == 0 ? null : "c-" + i), now);
        }
        await("the records read").atMost(OBSERVED_WITHIN.minusMillis(System.currentTimeMillis() - accepted))
                .pollInterval(Duration.ofMillis(200)).until(() -> committed() == records);
        long observedAfter = System.currentTimeMillis() - accepted;
        assertThat(observed.optedInTopics()).containsExactly(outputTopic);

        send(outputTopic, ObservedRecords.row("c-close"), now + 3 * MINUTE);
        await("the records counted in the product's snapshots").atMost(WAIT).untilAsserted(() ->
                assertThat(ObservedRecords.expectedInSnapshots(tail, topics, PRODUCT))
                        .as("records counted (observed " + observedAfter + " ms after acceptance)").isEqualTo(records));

        accept(contract("1.1.0", false));
        await("the opt-in withdrawn").atMost(WAIT).until(() -> !observed.running() && observed.optedInTopics().isEmpty());
        System.out.println("observed-opt-in: first records committed " + observedAfter + " ms after acceptance");
    }

    /** The observed app's committed offsets on the product topic, summed over its partitions. */
    private long committed() throws Exception {
        String group = config.get(Settings.APPLICATION_ID_PREFIX) + "-" + ObservedService.APPLICATION;
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(outputTopic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    private DataProductContract contract(String version, boolean observedPort) {
        DataProductContract contract = QualityRules.contract(PRODUCT);
        return DataProductContract.newBuilder(contract).setVersion(version)
                .setProperties(Map.of("kafka.observed", Boolean.toString(observedPort), "kafka.partitions", "2"))
                .setOutputPorts(List.of(OutputPort.newBuilder(contract.getOutputPorts().get(0)).setTopic(outputTopic).build()))
                .build();
    }

    private void accept(DataProductContract contract) {
        send(topics.name(Topics.CATALOG), PRODUCT, EventCodec.of(DataProductContract.class).encode(contract, OutputFormat.AVRO), null);
    }

    private void send(String topic, String row, long timestamp) {
        send(topic, "campaign", row.getBytes(StandardCharsets.UTF_8), timestamp);
    }

    private void send(String topic, String key, byte[] value, Long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }
}
