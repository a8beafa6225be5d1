package io.meshwarden.sla.notify;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertState;
import io.meshwarden.avro.Severity;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Alert transitions as the SLA monitor writes them, for the notification tests. */
final class Alerts {
    static final Instant FIRST_SEEN = Instant.parse("2026-12-01T10:00:00Z");

    private Alerts() {
    }

    static Alert transition(String productId, String rule, AlertState state, String transition, Instant changedAt) {
        return Alert.newBuilder().setAlertId(productId + "/" + rule).setProductId(productId)
                .setDomain(productId.substring(0, productId.indexOf('.'))).setSlaKind(rule).setState(state)
                .setTransition(transition).setSeverity(Severity.BLOCKING).setOccurrences(1).setFirstSeen(FIRST_SEEN)
                .setLastSeen(changedAt).setMessage("product " + productId + " is stale").setOwnerTeam("paid-media-team")
                .setSteward("steward@paid-media.example.com").setChangedAt(changedAt).build();
    }

    static void publish(MeshwardenConfig config, Alert... alerts) {
        Topic<String, Alert> topic = config.topics().topic(Topics.ALERTS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config.producerProperties("alerts-test"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Alert alert : alerts) {
                producer.send(new ProducerRecord<>(topic.name(), alert.getAlertId(),
                        topic.valueSerde().serializer().serialize(topic.name(), alert)));
            }
        }
    }
}
