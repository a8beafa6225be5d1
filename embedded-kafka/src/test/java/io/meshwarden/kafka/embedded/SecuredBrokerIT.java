package io.meshwarden.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EmbeddedKafka(secured = true, users = {"writer", "reader"}, topics = {"owned.orders", "other.orders"})
class SecuredBrokerIT {

    @BeforeAll
    static void grantWriterItsPrefix(EmbeddedKafkaBroker kafka) throws Exception {
        try (Admin admin = Admin.create(new HashMap<>(kafka.adminClientProperties()))) {
            admin.createAcls(List.of(
                    allow("writer", ResourceType.TOPIC, "owned.", AclOperation.WRITE),
                    allow("writer", ResourceType.TOPIC, "owned.", AclOperation.DESCRIBE),
                    allow("reader", ResourceType.TOPIC, "owned.", AclOperation.READ),
                    allow("reader", ResourceType.GROUP, "reader-", AclOperation.READ))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void superUserWritesAndAGrantedUserReads(EmbeddedKafkaBroker kafka) {
        try (KafkaProducer<String, String> producer = producer(kafka, "writer")) {
            producer.send(new ProducerRecord<>("owned.orders", "k", "v")).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (KafkaConsumer<String, String> consumer = consumer(kafka, "reader", "reader-1")) {
            consumer.subscribe(List.of("owned.orders"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.poll(Duration.ofMillis(200)).isEmpty());
        }
    }

    @Test
    void refusesAProduceToATopicWithoutAGrant(EmbeddedKafkaBroker kafka) {
        try (KafkaProducer<String, String> producer = producer(kafka, "writer")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("other.orders", "k", "v")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void refusesAReadWithoutAGrant(EmbeddedKafkaBroker kafka) {
        try (KafkaConsumer<String, String> consumer = consumer(kafka, "reader", "reader-2")) {
            consumer.subscribe(List.of("other.orders"));
            assertThatThrownBy(() -> Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> !consumer.poll(Duration.ofMillis(200)).isEmpty()))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void refusesAWrongPassword(EmbeddedKafkaBroker kafka) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties("reader"));
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"reader\" password=\"not-it\";");
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aClientWithoutCredentialsGetsNothing(EmbeddedKafkaBroker kafka) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(props)) {
            // A PLAINTEXT client never completes a handshake on a SASL listener: it times out, learning nothing.
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void usersCreatedLaterLogIn(EmbeddedKafkaBroker kafka) throws Exception {
        kafka.createUser("late");
        try (Admin admin = Admin.create(new HashMap<>(kafka.clientProperties("late")))) {
            assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isNotBlank();
        }
    }

    private static AclBinding allow(String user, ResourceType type, String prefix, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, prefix, PatternType.PREFIXED),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker kafka, String user) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties(user));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker kafka, String user, String group) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties(user));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
