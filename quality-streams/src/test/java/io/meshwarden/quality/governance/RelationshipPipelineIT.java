package io.meshwarden.quality.governance;

import static io.meshwarden.quality.governance.PolicyTopologyTest.rule;
import static io.meshwarden.quality.governance.PolicyTopologyTest.set;
import static io.meshwarden.quality.governance.RelationshipTopologyTest.DEPENDENT;
import static io.meshwarden.quality.governance.RelationshipTopologyTest.REFERENCED;
import static io.meshwarden.quality.governance.RelationshipTopologyTest.RULE;
import static io.meshwarden.quality.governance.RelationshipTopologyTest.dependent;
import static io.meshwarden.quality.governance.RelationshipTopologyTest.referenced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relationships on a real broker, where the referenced product's contract reaches the dependent's task only
 * through the catalog replica's global store: the referenced product's next major removes the field and the
 * dependent breaks; a later version restores it and the dependent recovers.
 */
@EmbeddedKafka
class RelationshipPipelineIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private MeshwardenConfig config;
    private TopicCatalog topics;
    private QualityStreams app;
    private KafkaProducer<byte[], byte[]> producer;
    private TopicTail tail;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        config = ItConfig.freshRun(broker, stateDir, "relationships");
        topics = config.topics();
        app = QualityStreams.start(config);
        producer = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
        tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.DECISIONS), topics.name(Topics.VIOLATIONS));
    }

    @AfterEach
    void stop() {
        tail.close();
        producer.close();
        app.close();
    }

    @Test
    void aDependentBreaksWhenTheReferencedProductRemovesTheFieldAndRecoversWhenItReturns() {
        PolicySet global = set("global", "1.0.0", null, rule("interop.relationships", "relationships", Severity.BLOCKING, Map.of()));
        send(Topics.POLICIES, global.getId(), EventCodec.of(PolicySet.class).encode(global, OutputFormat.AVRO));
        await().atMost(WAIT).until(() -> app.policySetsInForce().contains("global@1.0.0"));
        publish(referenced("1.0.0", true));
        await().atMost(WAIT).until(() -> app.catalogReplicaVersion(REFERENCED).equals(Optional.of("1.0.0")));
        publish(dependent("1.0.0"));
        await().atMost(WAIT).until(() -> tail.poll(topics.name(Topics.DECISIONS)).size() == 2);

        publish(referenced("2.0.0", false));
        await().atMost(WAIT).until(() -> violations().size() == 1);
        assertThat(violations().get(0)).satisfies(v -> {
            assertThat(v.getProductId()).isEqualTo(DEPENDENT);
            assertThat(v.getRuleId()).isEqualTo(RULE);
            assertThat(v.getStatus()).isEqualTo(ViolationStatus.BREACH);
        });

        publish(referenced("3.0.0", true));
        await().atMost(WAIT).until(() -> violations().size() == 2);
        assertThat(violations()).extracting(Violation::getProductId, Violation::getRuleId, Violation::getStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DEPENDENT, RULE, ViolationStatus.BREACH),
                        org.assertj.core.groups.Tuple.tuple(DEPENDENT, RULE, ViolationStatus.RECOVERY));
    }

    private void publish(DataProductContract contract) {
        send(Topics.CONTRACT_CHANGES, contract.getId(), EventCodec.of(ContractChange.class).encode(Samples.change(contract),
                OutputFormat.AVRO));
    }

    private void send(TopicSpec<?, ?> topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topics.name(topic), key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }

    private List<Violation> violations() {
        return tail.poll(topics.name(Topics.VIOLATIONS)).stream().map(r -> EventCodec.of(Violation.class).decode(r.value())).toList();
    }
}
