package io.meshwarden.quality.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.governance.ItConfig;
import io.meshwarden.quality.observed.ObservedRecords;
import io.meshwarden.quality.observed.ObservedService;
import io.meshwarden.quality.rules.QualityRules;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Product topics provisioned from accepted contracts, on a real broker: a contract written to the catalog gets its
 * output topic with the declared partitions and retention; a later version asking for fewer partitions is refused
 * with a violation and the topic is unchanged; a retention changed by hand is reported as drift, and corrected when
 * drift correction is on; and, with observed mode on, records written to the provisioned topic are counted in the
 * product's next snapshot.
 */
@EmbeddedKafka
class ProvisioningIT {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long MINUTE = 60_000;

    private final List<AutoCloseable> started = new ArrayList<>();
    private EmbeddedKafkaBroker broker;
    private Path stateDir;
    private MeshwardenConfig config;
    private TopicCatalog topics;
    private String outputTopic;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private TopicTail tail;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        this.broker = broker;
        this.stateDir = stateDir;
        MeshwardenConfig fresh = ItConfig.freshRun(broker, stateDir, "provisioning");
        outputTopic = fresh.get(Settings.TOPIC_PREFIX) + PRODUCT + ".v1";
        config = fresh.with(Map.of(Settings.PROVISIONING_ENABLED.key(), "true", Settings.PROVISIONING_INTERVAL_MS.key(), "500"));
        topics = config.topics();
        admin = Admin.create(config.adminProperties());
        producer = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        if (tail != null) {
            tail.close();
        }
        producer.close();
        admin.close();
    }

    @Test
    void acceptedContractGetsItsTopicAndFewerPartitionsLaterAreRefusedWithTheTopicUnchanged() throws Exception {
        provisioning(config);
        accept(contract("1.0.0", 3, 2 * DAY));
        await("the topic created as the contract says").atMost(WAIT).untilAsserted(() -> {
            assertThat(partitions()).isEqualTo(3);
            assertThat(config(TopicConfig.RETENTION_MS_CONFIG)).isEqualTo(Long.toString(2 * DAY));
            assertThat(config(TopicConfig.CLEANUP_POLICY_CONFIG)).isEqualTo("delete");
        });

        accept(contract("2.0.0", 2, 2 * DAY));
        await("the shrink refused").atMost(WAIT).untilAsserted(() -> assertThat(violations())
                .anySatisfy(violation -> {
                    assertThat(violation.getRuleId()).isEqualTo("provisioning.refused.partitions");
                    assertThat(violation.getStatus()).isEqualTo(ViolationStatus.BREACH);
                    assertThat(violation.getContractVersion()).isEqualTo("2.0.0");
                    assertThat(violation.getMessage()).contains("partitions 3", "says 2");
                }));
        assertThat(partitions()).isEqualTo(3);

        // Passes every 500 ms in the same state add no event.
        int seen = violations().size();
        accept(contract("2.0.0", 2, 2 * DAY));
        await("no new event for the same state").during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> violations().size() == seen);
        assertThat(partitions()).isEqualTo(3);

        accept(contract("3.0.0", 4, 2 * DAY));
        await("more partitions applied and the refusal resolved").atMost(WAIT).untilAsserted(() -> {
            assertThat(partitions()).isEqualTo(4);
            assertThat(violations()).anySatisfy(violation -> {
                assertThat(violation.getRuleId()).isEqualTo("provisioning.refused.partitions");
                assertThat(violation.getStatus()).isEqualTo(ViolationStatus.RECOVERY);
            });
        });
    }

    @Test
    void aRetentionShortenedByHandIsReportedAsDriftAndLeftWithCorrectionOff() throws Exception {
        provisioning(config);
        accept(contract("1.0.0", 2, 2 * DAY));
        await().atMost(WAIT).until(() -> Long.toString(2 * DAY).equals(config(TopicConfig.RETENTION_MS_CONFIG)));

        setRetention(DAY);
        await("the drift reported").atMost(WAIT).untilAsserted(() -> assertThat(violations()).anySatisfy(violation -> {
            assertThat(violation.getRuleId()).isEqualTo("provisioning.drift.retention.ms");
            assertThat(violation.getStatus()).isEqualTo(ViolationStatus.BREACH);
            assertThat(violation.getObservedValue()).isEqualTo((double) DAY);
            assertThat(violation.getTargetValue()).isEqualTo((double) (2 * DAY));
        }));
        await("the drifted retention left as it is").during(Duration.ofSeconds(3)).atMost(WAIT)
                .until(() -> Long.toString(DAY).equals(config(TopicConfig.RETENTION_MS_CONFIG)));
    }

    @Test
    void aDriftFixedByHandWhileProvisioningIsDownRecoversWhenItStartsAgain() throws Exception {
        provisioning(config);
        accept(contract("1.0.0", 2, 2 * DAY));
        await().atMost(WAIT).until(() -> Long.toString(2 * DAY).equals(config(TopicConfig.RETENTION_MS_CONFIG)));
        setRetention(DAY);
        await("the drift reported").atMost(WAIT).until(() -> drift().contains(ViolationStatus.BREACH));
        AutoCloseable first = started.remove(started.size() - 1);
        first.close();

        setRetention(2 * DAY);
        started.add(ProvisioningService.start(config).orElseThrow());

        await("the drift resolved by the restarted service").atMost(WAIT)
                .until(() -> drift().equals(List.of(ViolationStatus.BREACH, ViolationStatus.RECOVERY)));
        await("nothing more for the same state").during(Duration.ofSeconds(3)).atMost(WAIT)
                .until(() -> drift().size() == 2);
    }

    private List<ViolationStatus> drift() {
        return violations().stream().filter(v -> v.getRuleId().equals("provisioning.drift.retention.ms"))
                .map(Violation::getStatus).toList();
    }

    @Test
    void aRetentionShortenedByHandIsCorrectedWithCorrectionOn() throws Exception {
        provisioning(config.with(Settings.PROVISIONING_CORRECT_DRIFT.key(), "true"));
        accept(contract("1.0.0", 2, 2 * DAY));
        await().atMost(WAIT).until(() -> Long.toString(2 * DAY).equals(config(TopicConfig.RETENTION_MS_CONFIG)));

        setRetention(DAY);
        await("the drift reported, corrected and resolved").atMost(WAIT).untilAsserted(() -> {
            assertThat(config(TopicConfig.RETENTION_MS_CONFIG)).isEqualTo(Long.toString(2 * DAY));
            assertThat(violations()).filteredOn(v -> v.getRuleId().equals("provisioning.drift.retention.ms"))
                    .extracting(Violation::getStatus).containsExactly(ViolationStatus.BREACH, ViolationStatus.RECOVERY);
        });
    }

    @Test
    void recordsWrittenToTheProvisionedTopicAppearInTheProductsNextSnapshot() throws Exception {
        MeshwardenConfig observedConfig = config.with(Settings.QUALITY_OBSERVED_TOPIC_PATTERN.key(), Pattern.quote(outputTopic));
        started.add(QualityStreams.start(observedConfig));
        started.add(ObservedService.start(observedConfig));
        provisioning(observedConfig);
        accept(contract("1.0.0", 3, 2 * DAY));
        await("the topic provisioned").atMost(WAIT).until(() -> partitions() == 3);
        // The observed app learns from the quality app which product a topic belongs to.
        await("the port known to observed mode").atMost(WAIT).until(() -> !tail.poll(topics.name(Topics.OBSERVED_PORTS)).isEmpty());

        int records = 20;
        long now = System.currentTimeMillis();
        // One key, so one partition: the closing record cannot overtake the others (they would be late).
        for (int i = 0; i < records; i++) {
            send(outputTopic, ObservedRecords.row(i % 4 == 0 ? null : "c-" + i), now);
        }
        send(outputTopic, ObservedRecords.row("c-close"), now + 3 * MINUTE);

        await("the records counted in the product's snapshots").atMost(WAIT).untilAsserted(() ->
                assertThat(ObservedRecords.expectedInSnapshots(tail, topics, PRODUCT)).isEqualTo(records));
    }

    private void provisioning(MeshwardenConfig with) {
        ProvisioningService service = ProvisioningService.start(with).orElseThrow();
        started.add(service);
        tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.VIOLATIONS), topics.name(Topics.SNAPSHOTS),
                topics.name(Topics.OBSERVED_PORTS));
    }

    private DataProductContract contract(String version, int partitions, long retentionMs) {
        DataProductContract contract = QualityRules.contract(PRODUCT);
        return DataProductContract.newBuilder(contract).setVersion(version).setRetentionMs(retentionMs)
                .setProperties(Map.of("kafka.partitions", Integer.toString(partitions)))
                .setOutputPorts(List.of(OutputPort.newBuilder(contract.getOutputPorts().get(0)).setTopic(outputTopic).build()))
                .build();
    }

    /** As governance does once it accepts a change: the contract in the catalog. */
    private void accept(DataProductContract contract) {
        send(topics.name(Topics.CATALOG), EventCodec.of(DataProductContract.class).encode(contract, OutputFormat.AVRO), null);
    }

    private void send(String topic, byte[] value, Long timestamp) {
        String key = topic.equals(outputTopic) ? "campaign" : PRODUCT;
        producer.send(new ProducerRecord<>(topic, null, timestamp, key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }

    private void send(String topic, String row, long timestamp) {
        send(topic, row.getBytes(StandardCharsets.UTF_8), timestamp);
    }

    private List<Violation> violations() {
        EventCodec<Violation> codec = EventCodec.of(Violation.class);
        return tail.poll(topics.name(Topics.VIOLATIONS)).stream().map(record -> codec.decode(record.value()))
                .filter(violation -> violation.getProductId().equals(PRODUCT)).toList();
    }


    private int partitions() throws Exception {
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(outputTopic)) {
            return 0;
        }
        return admin.describeTopics(List.of(outputTopic)).allTopicNames().get(30, TimeUnit.SECONDS).get(outputTopic).partitions().size();
    }

    private String config(String name) throws Exception {
        if (partitions() == 0) {
            return null;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, outputTopic);
        return Optional.ofNullable(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).get(name))
                .map(ConfigEntry::value).orElse(null);
    }

    private void setRetention(long ms) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, outputTopic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(ms)), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
    }
}
