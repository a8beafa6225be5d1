package io.meshwarden.quality.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.AccessState;
import io.meshwarden.avro.GrantReader;
import io.meshwarden.avro.GroupReader;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.governance.ItConfig;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicProvisioner;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers poller against the embedded broker: real committed offsets, lag from the end offsets, live grants, owners. */
@EmbeddedKafka
class ReadersPollerIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "paid-media.campaign-performance.v1";
    private static final String GROUP = "customer-analytics.attribution-loader";

    private MeshwardenConfig config;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private ReadersPoller poller;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        config = ItConfig.freshRun(broker, stateDir, "readers").with(Settings.IMPACT_POLL_MS.key(), "200");
        admin = Admin.create(config.adminProperties());
        new TopicProvisioner(admin, 1, (short) 1).ensure(config.topics().all());
        broker.createTopic(TOPIC, 2, false);
        producer = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.close();
        }
        producer.close();
        admin.close();
    }

    @Test
    void publishesTheGroupsWithCommittedOffsetsTheirLagGrantsAndOwnersAndRepublishesWhenTheLagChanges() throws Exception {
        send(config.topics().name(Topics.CATALOG), "customer-analytics.attribution", Samples.contract("customer-analytics.attribution"));
        send(config.topics().name(Topics.ACCESS_REQUESTS), "r1", grant("r1", AccessState.PROVISIONED));
        send(config.topics().name(Topics.ACCESS_REQUESTS), "r2", grant("r2", AccessState.REVOKED));
        for (int i = 0; i < 10; i++) {
            producer.send(new ProducerRecord<>(TOPIC, i % 2, null, new byte[] {1}));
        }
        producer.flush();
        commit(3, 5);

        poller = new ReadersPoller(config, Clock.systemUTC()).start();

        String readers = config.topics().name(Topics.READERS);
        try (TopicTail tail = TopicTail.of(config.bootstrapServers(), readers)) {
            await().atMost(WAIT).until(() -> latest(tail, readers) != null && latest(tail, readers).getGroups().stream()
                    .anyMatch(g -> g.getOwnerTeam() != null));
            TopicReaders read = latest(tail, readers);
            assertThat(read.getGroups()).extracting(GroupReader::getGroupId, GroupReader::getLag, GroupReader::getOwnerTeam)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(GROUP, 2L, "customer-analytics-team"));
            assertThat(read.getGrants()).extracting(GrantReader::getPrincipal, GrantReader::getRequestId, GrantReader::getOwnerTeam,
                    GrantReader::getSteward).containsExactly(org.assertj.core.groups.Tuple.tuple("User:customer-analytics.attribution",
                    "r1", "customer-analytics-team", "bob@customer-analytics.example"));

            commit(1, 1);

            await().atMost(WAIT).until(() -> latest(tail, readers).getGroups().get(0).getLag() == 8L);
        }
    }

    /** The group's committed offsets on partitions 0 and 1 (5 records each). */
    private void commit(long partition0, long partition1) throws Exception {
        admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(partition0),
                new TopicPartition(TOPIC, 1), new OffsetAndMetadata(partition1))).all().get();
    }

    private static TopicReaders latest(TopicTail tail, String readers) {
        List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records = tail.poll(readers).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(TOPIC)).toList();
        return records.isEmpty() ? null : EventCodec.of(TopicReaders.class).decode(records.get(records.size() - 1).value());
    }

    private static AccessRequest grant(String id, AccessState state) {
        return AccessRequest.newBuilder().setRequestId(id).setProductId("paid-media.campaign-performance")
                .setPrincipal("User:customer-analytics.attribution").setRequestedBy("bob@customer-analytics.example")
                .setPurpose("attribution").setDuration("P30D").setState(state).setRequiredApprovals(1).setApprovers(List.of())
                .setAllowedApprovers(List.of()).setTopics(List.of(TOPIC)).setRequestedAt(Samples.T0).setChangedAt(Samples.T0).build();
    }

    @SuppressWarnings("unchecked")
    private <V extends SpecificRecord> void send(String topic, String key, V value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                EventCodec.of((Class<V>) value.getClass()).encode(value, OutputFormat.AVRO)));
        producer.flush();
    }
}
