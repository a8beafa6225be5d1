package io.meshwarden.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.KafkaSasl;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.governance.access.BaselineAcls;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy topics on a broker that authenticates and authorizes: with the access service keeping the
 * baseline ACLs of {@code meshwarden.access.steward.principals}, the steward writes policy sets and
 * approvals; a domain, which writes its own topics, is refused by the broker on both policy topics.
 */
@EmbeddedKafka(secured = true, superUsers = "access-service", users = {"paid-media", "steward"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredPolicyTopicsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private EmbeddedKafkaBroker kafka;
    private MeshwardenConfig config;
    private AccessService service;

    @BeforeAll
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) throws Exception {
        kafka = broker;
        config = MeshwardenConfig.defaults(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                        Settings.STATE_DIR.key(), stateDir.toString(), Settings.TOPIC_PARTITIONS.key(), "1",
                        Settings.ACCESS_RECONCILE_INTERVAL_MS.key(), "1000",
                        Settings.ACCESS_STEWARD_PRINCIPALS.key(), "User:steward"))
                .with(KafkaSasl.credentials("access-service", broker.security().password("access-service")));
        try (Admin admin = Admin.create(new HashMap<>(broker.adminClientProperties()))) {
            admin.createTopics(List.of(new NewTopic(config.topics().name(Topics.POLICIES), 1, (short) 1),
                    new NewTopic(config.topics().name(Topics.METRICS), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        service = AccessService.start(config, BaselineAcls.of(config)::desired);
        DataProductContract spend = Samples.contract("paid-media.campaign-spend");
        Topic<String, DataProductContract> catalog = config.topics().topic(Topics.CATALOG);
        try (KafkaProducer<String, byte[]> writer = new KafkaProducer<>(config.producerProperties("it-catalog"),
                new StringSerializer(), new ByteArraySerializer())) {
            writer.send(new ProducerRecord<>(catalog.name(), spend.getId(),
                    catalog.valueSerde().serializer().serialize(catalog.name(), spend))).get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void onlyTheStewardWritesThePolicyTopicsADomainIsRefusedByTheBroker() throws InterruptedException {
        String policies = config.topics().name(Topics.POLICIES);
        String approvals = config.topics().name(Topics.POLICY_APPROVALS);
        await().atMost(WAIT).ignoreExceptions().until(() -> writes("steward", policies) && writes("steward", approvals));
        // The domain's own baseline is in place (it writes its metrics), so a refusal below is the policy topics' own.
        await().atMost(WAIT).ignoreExceptions().until(() -> writes("paid-media", config.topics().name(Topics.METRICS)));

        assertThat(writes("paid-media", policies)).as("a domain publishing a policy set").isFalse();
        assertThat(writes("paid-media", approvals)).as("a domain approving a held set").isFalse();
        assertThat(writes("steward", config.topics().name(Topics.METRICS))).as("a steward is no domain").isFalse();
    }

    /** Whether {@code user} can write a record to {@code topic} now; false when the broker refuses it. */
    private boolean writes(String user, String topic) throws InterruptedException {
        // A refusal is an answer (false); no answer at all is an error, never taken for a refusal.
        Map<String, Object> props = new HashMap<>(kafka.clientProperties(user));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "global", "{}")).get(10, TimeUnit.SECONDS);
            return true;
        } catch (TopicAuthorizationException e) {
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                return false;
            }
            throw new IllegalStateException("write of " + user + " to " + topic + " failed otherwise", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer to a write of " + user + " to " + topic + " within 10 s", e);
        }
    }
}
