package io.meshwarden.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@EmbeddedKafka(topics = {"orders", "payments"}, partitions = 3, compactedTopics = "customers")
class EmbeddedKafkaExtensionIT {

    private static EmbeddedKafkaBroker fromBeforeAll;

    private final EmbeddedKafkaBroker fromConstructor;
    private EmbeddedKafkaBroker fromBeforeEach;

    EmbeddedKafkaExtensionIT(EmbeddedKafkaBroker broker) {
        this.fromConstructor = broker;
    }

    @BeforeAll
    static void rememberBroker(EmbeddedKafkaBroker broker) {
        fromBeforeAll = broker;
    }

    @BeforeEach
    void rememberBrokerPerTest(EmbeddedKafkaBroker broker) {
        fromBeforeEach = broker;
    }

    @Test
    void annotatedTopicsExistBeforeTheFirstTest(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(List.of("orders", "payments", "customers")).allTopicNames().get();
            ConfigResource customers = new ConfigResource(ConfigResource.Type.TOPIC, "customers");
            ConfigResource orders = new ConfigResource(ConfigResource.Type.TOPIC, "orders");
            var configs = admin.describeConfigs(List.of(customers, orders)).all().get();

            assertThat(topics).containsOnlyKeys("orders", "payments", "customers");
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
            assertThat(configs.get(customers).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(configs.get(orders).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        }
    }

    @Test
    void everyInjectionPointGetsTheSameBroker(EmbeddedKafkaBroker broker) {
        assertThat(broker).isSameAs(fromBeforeAll).isSameAs(fromConstructor).isSameAs(fromBeforeEach);
    }

    @Test
    void injectedBrokerServesProducersAndConsumers(EmbeddedKafkaBroker broker) throws Exception {
        try (KafkaProducer<String, String> producer = TestClients.producer(broker.bootstrapServers(), Map.of())) {
            producer.send(new ProducerRecord<>("payments", "p-1", "paid")).get();
        }

        assertThat(TestClients.consumeValues(broker.bootstrapServers(), IsolationLevel.READ_COMMITTED, "payments", 1))
                .containsExactly("paid");
    }

    @Nested
    class WhenNested {

        @Test
        void sharesTheOuterClassBroker(EmbeddedKafkaBroker broker) {
            assertThat(broker).isSameAs(fromBeforeAll);
        }
    }
}
