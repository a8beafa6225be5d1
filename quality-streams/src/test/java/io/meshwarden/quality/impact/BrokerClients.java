package io.meshwarden.quality.impact;

import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the impact ITs do on the broker: a real consumer group reads and commits, a domain publishes a contract and waits for its decision. */
final class BrokerClients {
    static final Duration WAIT = Duration.ofSeconds(60);

    private BrokerClients() {
    }

    /** A real consumer of the group reads the topic and commits {@code offset}. */
    static void readAndCommit(EmbeddedKafkaBroker broker, String group, String topic, long offset) {
        Properties properties = new Properties();
        properties.putAll(broker.clientProperties(null));
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200));
                return consumer.position(partition) >= offset;
            });
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }

    /** Publishes the contract's change and waits for governance's decision of its version. */
    static void publish(KafkaProducer<byte[], byte[]> producer, MeshwardenConfig config, DataProductContract contract) {
        ContractChange change = Samples.change(contract);
        producer.send(new ProducerRecord<>(config.topics().name(Topics.CONTRACT_CHANGES), contract.getId().getBytes(StandardCharsets.UTF_8),
                EventCodec.of(ContractChange.class).encode(change, OutputFormat.AVRO)));
        producer.flush();
        String decisions = config.topics().name(Topics.DECISIONS);
        try (TopicTail tail = TopicTail.of(config.bootstrapServers(), decisions)) {
            await().atMost(WAIT).until(() -> tail.poll(decisions).stream()
                    .anyMatch(r -> new String(r.key(), StandardCharsets.UTF_8).equals(contract.getId())
                            && EventCodec.of(Decision.class).decode(r.value()).getContractVersion().equals(contract.getVersion())));
        }
    }
}
