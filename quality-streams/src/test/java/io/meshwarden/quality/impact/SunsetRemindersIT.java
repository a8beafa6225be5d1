package io.meshwarden.quality.impact;

import static io.meshwarden.quality.impact.BrokerClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ImpactKind;
import io.meshwarden.avro.ImpactNotice;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.governance.lifecycle.Deprecation;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.governance.ItConfig;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's deprecation lifecycle on the embedded broker: a consumer group really reads the old major's topic
 * when paid-media's 2.0.0 supersedes it; its owner is reminded as the sunset nears, and after the sunset the SLA
 * monitor's input carries a past-sunset breach on the group's own product.
 */
@EmbeddedKafka
class SunsetRemindersIT {
    private static final String PAID = "paid-media.campaign-performance";
    private static final String LOADER = "customer-analytics.attribution-loader";

    private EmbeddedKafkaBroker broker;
    private MeshwardenConfig config;
    private QualityStreams quality;
    private ImpactService impact;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        this.broker = broker;
        config = ItConfig.freshRun(broker, stateDir, "sunset").with(Settings.IMPACT_POLL_MS.key(), "300")
                .with(Settings.IMPACT_REMINDER_CHECK_MS.key(), "300");
        quality = QualityStreams.start(config);
        impact = ImpactService.start(config);
        producer = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
        BrokerClients.publish(producer, config, Samples.contract(PAID));
        BrokerClients.publish(producer, config, Samples.contract("customer-analytics.attribution"));
        String v1 = PAID + ".v1";
        broker.createTopic(v1, 1, false);
        for (int i = 0; i < 5; i++) {
            producer.send(new ProducerRecord<>(v1, ("c" + i).getBytes(StandardCharsets.UTF_8), new byte[] {1}));
        }
        producer.flush();
        BrokerClients.readAndCommit(broker, LOADER, v1, 3);
        await().atMost(WAIT).ignoreException(StoreUnavailableException.class).until(() -> {
            TopicReaders readers = impact.readersOf(v1);
            return readers != null && readers.getGroups().stream().anyMatch(g -> "customer-analytics.attribution".equals(g.getOwnerProduct()));
        });
    }

    @AfterEach
    void stop() {
        producer.close();
        impact.close();
        quality.close();
    }

    @Test
    void theOwnerOfAGroupStillReadingTheOldMajorIsRemindedAWeekBeforeItsSunset() {
        BrokerClients.publish(producer, config, v2(today().plusDays(7)));

        String notices = config.topics().name(Topics.IMPACT);
        try (TopicTail tail = TopicTail.of(config.bootstrapServers(), notices)) {
            await().atMost(WAIT).until(() -> reminders(tail, notices).size() == 1);
            ImpactNotice reminder = reminders(tail, notices).get(0);
            assertThat(reminder.getProductId()).isEqualTo(PAID + "@v1");
            assertThat(reminder.getOwner()).isEqualTo("customer-analytics-team");
            assertThat(reminder.getDaysToSunset()).isEqualTo(7);
            // The broker is the class's: the topic holds the records of every test so far, of which the group committed 3.
            assertThat(reminder.getConsumerGroups()).singleElement().satisfies(group -> {
                assertThat(group.getGroupId()).isEqualTo(LOADER);
                assertThat(group.getTopic()).isEqualTo(PAID + ".v1");
                assertThat(group.getLag()).isPositive();
            });
        }
    }

    @Test
    void afterTheSunsetAGroupStillReadingIsABreachOnItsOwnProduct() {
        // The built-in policy has no minimum notice: a sunset of today is accepted, and past at once.
        BrokerClients.publish(producer, config, v2(today()));

        String violations = config.topics().name(Topics.VIOLATIONS);
        try (TopicTail tail = TopicTail.of(config.bootstrapServers(), violations)) {
            await().atMost(WAIT).until(() -> pastSunset(tail, violations).size() == 1);
            Violation breach = pastSunset(tail, violations).get(0);
            assertThat(breach.getProductId()).isEqualTo("customer-analytics.attribution");
            assertThat(breach.getStatus()).isEqualTo(ViolationStatus.BREACH);
            assertThat(breach.getMessage()).contains(LOADER).contains(PAID + ".v1");
        }
    }

    private static List<ImpactNotice> reminders(TopicTail tail, String topic) {
        return tail.poll(topic).stream().map(r -> EventCodec.of(ImpactNotice.class).decode(r.value()))
                .filter(n -> n.getKind() == ImpactKind.SUNSET_REMINDER).toList();
    }

    private static List<Violation> pastSunset(TopicTail tail, String topic) {
        return tail.poll(topic).stream().map(r -> EventCodec.of(Violation.class).decode(r.value()))
                .filter(v -> v.getRuleId().equals("lifecycle.past-sunset")).toList();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static DataProductContract v2(LocalDate previousMajorSunset) {
        Map<String, String> properties = new HashMap<>(Samples.contract(PAID).getProperties());
        properties.put(Deprecation.PREVIOUS_MAJOR_SUNSET, previousMajorSunset.toString());
        return DataProductContract.newBuilder(Samples.contract(PAID)).setVersion("2.0.0").setProperties(properties)
                .setOutputPorts(List.of(new OutputPort("stream", PAID + ".v2", "avro", null))).build();
    }
}
