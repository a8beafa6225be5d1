package io.meshwarden.quality.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.AffectedGroup;
import io.meshwarden.avro.AffectedProduct;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ImpactKind;
import io.meshwarden.avro.ImpactNotice;
import io.meshwarden.avro.ImpactReport;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.governance.ItConfig;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's done-when on the embedded broker: two consumer groups read paid-media's output topic and
 * customer-analytics.attribution lists it upstream; paid-media's 2.0.0 names both groups, the
 * downstream product and their owners, and notifies the two affected owner teams once each.
 */
@EmbeddedKafka
class ImpactIT {
    private static final Duration WAIT = BrokerClients.WAIT;
    static final String PAID = "paid-media.campaign-performance";
    static final String ATTRIBUTION = "customer-analytics.attribution";
    static final String DASHBOARD = "marketing-ops.spend-dashboard";
    static final String LOADER_GROUP = "customer-analytics.attribution-loader";
    static final String DASHBOARD_GROUP = "marketing-ops.spend-dashboard-reader";

    private EmbeddedKafkaBroker broker;
    private MeshwardenConfig config;
    private TopicCatalog topics;
    private QualityStreams quality;
    private ImpactService impact;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        this.broker = broker;
        config = ItConfig.freshRun(broker, stateDir, "impact").with(Settings.IMPACT_POLL_MS.key(), "300");
        topics = config.topics();
        quality = QualityStreams.start(config);
        impact = ImpactService.start(config);
        producer = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        producer.close();
        impact.close();
        quality.close();
    }

    @Test
    void aBreakingChangeNamesTheGroupsReadingItsTopicAndTheDownstreamProductAndNotifiesEachOwnerOnce() {
        DataProductContract paid = Samples.contract(PAID);
        DataProductContract attribution = Samples.contract(ATTRIBUTION);
        attribution.setUpstreamProducts(List.of(PAID));
        DataProductContract dashboard = Samples.contract(DASHBOARD);
        publish(paid);
        publish(attribution);
        publish(dashboard);
        String outputTopic = paid.getOutputPorts().get(0).getTopic();
        broker.createTopic(outputTopic, 1, false);
        for (int i = 0; i < 10; i++) {
            producer.send(new ProducerRecord<>(outputTopic, ("c" + i).getBytes(StandardCharsets.UTF_8), new byte[] {1}));
        }
        producer.flush();
        readAndCommit(LOADER_GROUP, outputTopic, 10);
        readAndCommit(DASHBOARD_GROUP, outputTopic, 4);
        await().atMost(WAIT).ignoreException(StoreUnavailableException.class).until(() -> {
            TopicReaders readers = impact.readersOf(outputTopic);
            return readers != null && readers.getGroups().size() == 2 && readers.getGroups().stream().allMatch(g -> g.getOwnerTeam() != null);
        });

        DataProductContract breaking = Samples.contract(PAID);
        breaking.setVersion("2.0.0");
        publish(breaking);

        try (TopicTail tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.IMPACT_REPORTS), topics.name(Topics.IMPACT))) {
            await().atMost(WAIT).until(() -> tail.poll(topics.name(Topics.IMPACT_REPORTS)).size() == 1
                    && tail.poll(topics.name(Topics.IMPACT)).size() == 2);
            ImpactReport report = EventCodec.of(ImpactReport.class).decode(tail.poll(topics.name(Topics.IMPACT_REPORTS)).get(0).value());
            assertThat(report.getChangeId()).isEqualTo(Samples.change(breaking).getChangeId());
            assertThat(report.getKind()).isEqualTo(ImpactKind.BREAKING_CHANGE);
            assertThat(report.getDownstreamProducts()).extracting(AffectedProduct::getProductId, AffectedProduct::getOwnerTeam,
                    AffectedProduct::getSteward).containsExactly(org.assertj.core.groups.Tuple.tuple(ATTRIBUTION,
                    "customer-analytics-team", "steward@customer-analytics.example"));
            assertThat(report.getConsumerGroups()).extracting(AffectedGroup::getGroupId, AffectedGroup::getLag,
                    AffectedGroup::getOwnerTeam).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(LOADER_GROUP, 0L, "customer-analytics-team"),
                    org.assertj.core.groups.Tuple.tuple(DASHBOARD_GROUP, 6L, "marketing-ops-team"));
            List<ImpactNotice> notices = tail.poll(topics.name(Topics.IMPACT)).stream()
                    .map(r -> EventCodec.of(ImpactNotice.class).decode(r.value())).toList();
            assertThat(notices).extracting(ImpactNotice::getOwner).containsExactlyInAnyOrder("customer-analytics-team", "marketing-ops-team");
            assertThat(notices).allSatisfy(n -> assertThat(n.getChangeId()).isEqualTo(report.getChangeId()));
        }
    }

    private void readAndCommit(String group, String topic, long offset) {
        BrokerClients.readAndCommit(broker, group, topic, offset);
    }

    private void publish(DataProductContract contract) {
        BrokerClients.publish(producer, config, contract);
    }
}
