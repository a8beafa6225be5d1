package io.meshwarden.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

@EmbeddedKafka
class CheckedProducerIT {
    /** Over the producer's default max.request.size (1 MiB): refused before it is sent. */
    private static final byte[] TOO_LARGE = new byte[2 * 1024 * 1024];

    @Test
    void closesQuietlyWhenTheBrokerTookEveryRecordOfANewTopic(EmbeddedKafkaBroker broker) throws Exception {
        MeshwardenConfig config = config(broker);
        createTopic(config, "checked-new");

        try (CheckedProducer producer = CheckedProducer.forNewTopics(config, "checked-it")) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("checked-new", bytes("k" + i), bytes("v" + i)));
            }
        }

        assertThat(endOffset(config, "checked-new")).isEqualTo(50);
    }

    @Test
    void failsNamingHowManyRecordsTheBrokerDidNotTakeAndWhy(EmbeddedKafkaBroker broker) throws Exception {
        MeshwardenConfig config = config(broker);
        createTopic(config, "checked-refused");
        CheckedProducer producer = CheckedProducer.of(config, "checked-it");
        producer.send(new ProducerRecord<>("checked-refused", bytes("fine"), bytes("fine")));
        producer.send(new ProducerRecord<>("checked-refused", bytes("large"), TOO_LARGE));

        assertThatThrownBy(producer::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("checked-it: the broker did not take 1 of 2 records")
                .hasCauseInstanceOf(RecordTooLargeException.class);
    }

    private static MeshwardenConfig config(EmbeddedKafkaBroker broker) {
        return MeshwardenConfig.load(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers()));
    }

    private static void createTopic(MeshwardenConfig config, String name) throws Exception {
        try (Admin admin = Admin.create(config.adminProperties())) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        }
    }

    private static long endOffset(MeshwardenConfig config, String topic) throws Exception {
        try (Admin admin = Admin.create(config.adminProperties())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
